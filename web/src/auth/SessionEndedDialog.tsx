// Asked over the page when its session ends (expired, signed out elsewhere, password changed):
// signing in again as the same person resumes what was waiting, and the page, unsaved edits
// included, stays as it was. Signing in as someone else starts over from the sign-in page.
import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { sessionStore } from "../api/session";
import { Modal } from "../ui/Modal";
import { useSession } from "./useSession";
import { useSignIn } from "./useSignIn";

export function SessionEndedDialog() {
  const { user } = useSession();
  const [password, setPassword] = useState("");
  const { busy, error, signIn } = useSignIn(() => undefined);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(user.name, password);
  };
  const startOver = () => {
    sessionStore.signedOut();
    queryClient.clear();
    navigate("/signin");
  };

  return (
    <Modal title="Your session has ended">
      <form className="session-ended" onSubmit={submit} noValidate data-testid="session-ended">
        <p>
          Sign in again as <strong>{user.name}</strong> to carry on. This page stays as it is, unsaved changes included, and what you were doing
          goes through once you are back.
        </p>
        <label className="field">
          <span>Password</span>
          <input type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} autoFocus />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="session-ended-actions">
          <button type="button" className="button button-ghost" onClick={startOver}>
            Sign in as someone else
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
