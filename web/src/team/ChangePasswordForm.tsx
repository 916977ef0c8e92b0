// Changing your own password; the server ends your other sessions.
import { useState, type FormEvent } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";

export function ChangePasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeated, setRepeated] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: "good" | "bad"; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== repeated) return setOutcome({ tone: "bad", text: "The new password and its repetition differ." });
    setBusy(true);
    setOutcome(null);
    try {
      await api.changePassword(current, next);
      setCurrent("");
      setNext("");
      setRepeated("");
      setOutcome({ tone: "good", text: "Password changed. Your other sessions have ended; this one goes on." });
    } catch (caught) {
      setOutcome({ tone: "bad", text: describeError(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card team-section" aria-labelledby="account-password">
      <h2 id="account-password">Password</h2>
      <form className="team-form" onSubmit={submit} noValidate>
        <label className="field">
          <span>Current password</span>
          <input type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} />
        </label>
        <div className="field-row">
          <label className="field">
            <span>
              New password <span className="muted">· 8 characters or more</span>
            </span>
            <input type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} />
          </label>
          <label className="field">
            <span>New password again</span>
            <input type="password" autoComplete="new-password" value={repeated} onChange={(event) => setRepeated(event.target.value)} />
          </label>
        </div>
        {outcome && (
          <p className={outcome.tone === "good" ? "tone-text-good" : "form-error"} role={outcome.tone === "good" ? "status" : "alert"}>
            {outcome.text}
          </p>
        )}
        <div>
          <button type="submit" className="button button-primary" disabled={busy || !current || !next}>
            {busy ? "Changing…" : "Change password"}
          </button>
        </div>
      </form>
    </section>
  );
}
