import { useEffect, useState } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { isUnauthorized } from "../api/errors";
import { api, sessionStore } from "../api/session";
import { ErrorState, LoadingState } from "../ui/States";
import { SessionEndedDialog } from "./SessionEndedDialog";
import { useSessionState } from "./useSession";

/**
 * Routes below need a session: the first visit asks the server who is signed in, and without
 * anyone you land on sign-in and come back. A session that ends later is asked for again over
 * the page, which stays.
 */
export function RequireSignIn() {
  const state = useSessionState();
  const location = useLocation();
  const [failure, setFailure] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (state.status !== "unknown") return;
    api.getSession().then(sessionStore.signedIn, (error: unknown) => {
      if (isUnauthorized(error)) sessionStore.signedOut();
      else setFailure(error);
    });
  }, [state.status, attempt]);

  if (state.status === "signed-out") return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  if (state.status === "unknown") {
    if (failure === null) return <LoadingState label="Checking your session…" />;
    return (
      <ErrorState
        error={failure}
        title="Reinforge could not be reached"
        onRetry={() => {
          setFailure(null);
          setAttempt(attempt + 1);
        }}
      />
    );
  }
  return (
    <>
      <Outlet />
      {state.status === "expired" && <SessionEndedDialog />}
    </>
  );
}
