// Team access (docs/access.md): signing in and out, the session, one's password and personal API
// tokens, users (admin) and the audit log.
import { buildQuery, type Download, type Http } from "./http";
import type { ApiToken, AuditFilter, AuditPage, IssuedApiToken, NewUser, Session, User, UserPatch } from "./teamTypes";

export function teamEndpoints(http: Http) {
  const { json, send } = http;
  const user = (id: number) => `/api/users/${id}`;
  return {
    /** 401 invalid_credentials for a wrong name or password; 429 too_many_attempts (retryAfterSeconds) after too many. */
    signIn: (name: string, password: string) => json<Session>("POST", "/api/auth/sign-in", { json: { name, password }, renewSessionOn401: false }),
    signOut: async () => {
      await send("POST", "/api/auth/sign-out", { renewSessionOn401: false });
    },
    /** Who is signed in, their role and the session's CSRF token; 401 when no one is. */
    getSession: () => json<Session>("GET", "/api/session"),
    /** Ends the person's other sessions. */
    changePassword: async (currentPassword: string, newPassword: string) => {
      await send("PUT", "/api/session/password", { json: { current_password: currentPassword, new_password: newPassword } });
    },

    /** The signed-in person's own tokens. */
    listApiTokens: () => json<{ items: ApiToken[] }>("GET", "/api/tokens"),
    createApiToken: (name: string) => json<IssuedApiToken>("POST", "/api/tokens", { json: { name } }),
    revokeApiToken: async (id: number) => {
      await send("DELETE", `/api/tokens/${id}`);
    },

    listUsers: () => json<{ items: User[] }>("GET", "/api/users"),
    createUser: (request: NewUser) => json<User>("POST", "/api/users", { json: request }),
    /** 409 last_admin when it would leave no admin. */
    updateUser: (id: number, patch: UserPatch) => json<User>("PATCH", user(id), { json: patch }),
    /** 409 last_admin for the last admin. */
    removeUser: async (id: number) => {
      await send("DELETE", user(id));
    },
    signOutUserEverywhere: async (id: number) => {
      await send("POST", `${user(id)}/sign-out`);
    },

    /** Newest first: the first page (cursor null) or the one a previous page's next_cursor opens. */
    listAudit: (filter: AuditFilter, cursor: string | null, limit: number) =>
      json<AuditPage>("GET", "/api/audit" + buildQuery({ ...filter, cursor: cursor ?? undefined, limit })),
    /** The actions recorded so far, for the filter. */
    listAuditActions: () => json<{ items: string[] }>("GET", "/api/audit/actions"),
    /** JSONL, oldest first. */
    exportAudit: (filter: AuditFilter): Promise<Download> => http.download("/api/audit/export" + buildQuery({ ...filter }), "reinforge-audit.jsonl"),
  };
}
