import { useState, type FormEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { describeError, isUnauthorized } from "../api/errors";
import { api, tokenStore } from "../api/session";

export function SignInPage() {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/optimization";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = token.trim();
    if (!candidate) {
      setError("Paste the admin token first.");
      return;
    }
    setChecking(true);
    setError(null);
    try {
      await api.checkToken(candidate);
      tokenStore.set(candidate);
      navigate(from, { replace: true });
    } catch (caught) {
      setError(isUnauthorized(caught) ? "That token is not the admin token of this server." : describeError(caught));
      setChecking(false);
    }
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} noValidate>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Reinforge
        </div>
        <h1>Sign in</h1>
        <p className="muted">
          Paste the admin token that <code>reinforge serve</code> printed when it started (it is also in <code>data/admin-token</code>).
        </p>
        <label className="field">
          <span>Admin token</span>
          <input
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            aria-invalid={error !== null}
            autoFocus
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary button-wide" disabled={checking}>
          {checking ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
