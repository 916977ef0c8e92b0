// The signed-in session for components, and what its role may change.
import { useSyncExternalStore } from "react";
import { sessionStore } from "../api/session";
import type { Role, Session } from "../api/teamTypes";
import { mayChange, type Changeable } from "./roles";
import type { SessionState } from "./sessionStore";

export function useSessionState(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

/** Under RequireSignIn only, where a session is known (it may have just ended: the page stays). */
export function useSession(): Session {
  const state = useSessionState();
  if (state.status !== "signed-in" && state.status !== "expired") throw new Error("useSession outside RequireSignIn");
  return state.session;
}

export function useRole(): Role {
  return useSession().user.role;
}

/** `may("topics")`: whether the signed-in role may change it. */
export function useMayChange(): (what: Changeable) => boolean {
  const role = useRole();
  return (what) => mayChange(role, what);
}
