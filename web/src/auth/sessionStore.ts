// Who is signed in, for the whole app and for the request layer (which needs the CSRF token).
// The session itself is an HttpOnly cookie the page cannot read; this keeps what GET /api/session
// said about it, in memory only. When a session ends under a signed-in page, the page stays as it
// is (an editor's unsaved text included) and its requests wait until the person signs in again.
import type { Session } from "../api/teamTypes";

export type SessionState =
  /** Not asked yet: the app asks GET /api/session before showing anything. */
  | { status: "unknown" }
  | { status: "signed-in"; session: Session }
  /** A request got a 401 after signing in: the app asks to sign in again over the page. */
  | { status: "expired"; session: Session }
  | { status: "signed-out" };

type Listener = () => void;

interface Waiter {
  resolve: () => void;
  reject: (reason: Error) => void;
}

export interface SessionStore {
  get: () => SessionState;
  subscribe: (listener: Listener) => () => void;
  /** The CSRF token of the signed-in session, or null. */
  csrfToken: () => string | null;
  signedIn: (session: Session) => void;
  signedOut: () => void;
  /**
   * A request was answered 401. Resolves when the person has signed in again, so the request can
   * be sent again; rejects when there was no session to renew or the person signed out instead.
   */
  expired: () => Promise<void>;
}

export function createSessionStore(): SessionStore {
  let state: SessionState = { status: "unknown" };
  const listeners = new Set<Listener>();
  let waiters: Waiter[] = [];

  const set = (next: SessionState) => {
    state = next;
    listeners.forEach((listener) => listener());
  };
  const takeWaiters = () => {
    const taken = waiters;
    waiters = [];
    return taken;
  };

  return {
    get: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    csrfToken: () => (state.status === "signed-in" ? (state.session.csrf_token ?? null) : null),
    signedIn: (session) => {
      set({ status: "signed-in", session });
      takeWaiters().forEach((waiter) => waiter.resolve());
    },
    signedOut: () => {
      if (state.status !== "signed-out") set({ status: "signed-out" });
      takeWaiters().forEach((waiter) => waiter.reject(new Error("signed out")));
    },
    expired: () => {
      if (state.status === "signed-in") set({ status: "expired", session: state.session });
      if (state.status !== "expired") return Promise.reject(new Error("not signed in"));
      return new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
    },
  };
}
