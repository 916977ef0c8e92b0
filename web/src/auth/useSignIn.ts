// Signing in with a name and a password, for the sign-in page and the dialog that asks again
// when a session ends.
import { useState } from "react";
import { api, sessionStore } from "../api/session";
import type { Session } from "../api/teamTypes";
import { signInErrorMessage } from "./signInMessages";

export function useSignIn(onSignedIn: (session: Session) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const signIn = async (name: string, password: string) => {
    if (!name.trim() || !password) {
      setError("Enter your name and password.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await api.signIn(name.trim(), password);
      sessionStore.signedIn(session);
      onSignedIn(session);
    } catch (caught) {
      setError(signInErrorMessage(caught));
      setBusy(false);
    }
  };

  return { busy, error, signIn };
}
