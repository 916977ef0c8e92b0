// Team access: the signed-in session, users, personal API tokens and the audit log
// (docs/access.md).

/** Least to most: each role may do what the one before it may, and more. */
export type Role = "viewer" | "editor" | "admin";

export interface SessionUser {
  /** Null for the admin token, which is no user. */
  id: number | null;
  name: string;
  role: Role;
}

/** How the request that asked was signed in. */
export type SessionVia = "session" | "token" | "admin_token";

/** GET /api/session and the answer to POST /api/auth/sign-in. */
export interface Session {
  ok: boolean;
  version: string;
  user: SessionUser;
  via: SessionVia;
  /** Sessions only: sent back as X-CSRF-Token on every POST, PUT, PATCH and DELETE. */
  csrf_token?: string;
  expires_at?: string;
}

export interface User {
  id: number;
  name: string;
  role: Role;
  created_at: string;
  last_sign_in_at: string | null;
  /** Sessions still open. */
  sessions: number;
}

export interface NewUser {
  name: string;
  password: string;
  role: Role;
}

/** PATCH /api/users/:id: a new password ends their sessions. */
export interface UserPatch {
  role?: Role;
  password?: string;
}

/** A personal API token as listed: never the token itself. */
export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

/** POST /api/tokens: the only answer that carries the token. */
export interface IssuedApiToken extends Omit<ApiToken, "last_used_at"> {
  token: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  user_id: number | null;
  user_name: string;
  via: string;
  /** "dataset.create", "user.remove", … (GET /api/audit/actions lists those recorded). */
  action: string;
  method: string;
  path: string;
  status: number;
  /** What was changed: {"dataset": "3"}, {"user": "7"}, … */
  target: Record<string, string | number>;
  remote_address: string;
}

export interface AuditFilter {
  /** A user's name. */
  user?: string;
  action?: string;
}

export interface AuditPage {
  /** Newest first. */
  items: AuditEntry[];
  next_cursor: string | null;
}
