// Adding a teammate: name, role and a first password to hand them.
import { useState, type FormEvent } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import type { Role, User } from "../api/teamTypes";
import { ROLE_DESCRIPTIONS } from "../auth/roles";
import { Modal } from "../ui/Modal";
import { RoleSelect } from "./RoleSelect";

export function AddUserDialog({ onAdded, onClose }: { onAdded: (user: User) => void; onClose: () => void }) {
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onAdded(await api.createUser({ name: name.trim(), role, password }));
      onClose();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Add a user"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="add-user" className="button button-primary" disabled={busy || !name.trim() || !password}>
            {busy ? "Adding…" : "Add user"}
          </button>
        </>
      }
    >
      <form id="add-user" className="team-form" onSubmit={submit} noValidate>
        <label className="field">
          <span>
            Name <span className="muted">· letters, digits, . _ - @</span>
          </span>
          <input value={name} maxLength={64} autoComplete="off" onChange={(event) => setName(event.target.value)} placeholder="ada" />
        </label>
        <label className="field">
          <span>Role</span>
          <RoleSelect value={role} onChange={setRole} label="Role" />
          <span className="field-hint">{ROLE_DESCRIPTIONS[role]}</span>
        </label>
        <label className="field">
          <span>
            Password <span className="muted">· 8 characters or more; hand it to them, they can change it on their Account page</span>
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
