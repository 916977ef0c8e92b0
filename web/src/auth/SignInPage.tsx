import { useState, type FormEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { useSignIn } from "./useSignIn";

export function SignInPage() {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/optimization";
  const { busy, error, signIn } = useSignIn(() => navigate(from, { replace: true }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(name, password);
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} noValidate>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Reinforge
        </div>
        <h1>Sign in</h1>
        <label className="field">
          <span>Name</span>
          <input autoComplete="username" value={name} onChange={(event) => setName(event.target.value)} aria-invalid={error !== null} autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} aria-invalid={error !== null} />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        <p className="muted signin-hint">
          First time? The first admin is <code>admin</code>, and its password is the admin token <code>reinforge serve</code> printed when it
          started. Change it on your Account page, then add your team under Users.
        </p>
      </form>
    </main>
  );
}
