// An admin sets a user's password (they forgot theirs, or the account may be stolen): the user's
// sessions end and their API tokens are revoked.
import { useState, type FormEvent } from "react";
import { api } from "../api/session";
import type { User } from "../api/teamTypes";
import { Modal } from "../ui/Modal";
import { describeUserChangeError } from "./userErrors";

export function ResetPasswordDialog({ user, onDone, onClose }: { user: User; onDone: () => void; onClose: () => void }) {
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.updateUser(user.id, { password });
      onDone();
      onClose();
    } catch (caught) {
      setError(describeUserChangeError(caught));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Reset ${user.name}’s password`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="reset-password" className="button button-primary" disabled={busy || !password}>
            {busy ? "Saving…" : "Set password"}
          </button>
        </>
      }
    >
      <form id="reset-password" className="team-form" onSubmit={submit} noValidate>
        <p>Their sessions end now and their API tokens are revoked; they sign in again with the new password.</p>
        <label className="field">
          <span>
            New password <span className="muted">· 8 characters or more</span>
          </span>
          <input type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
