// Your personal API tokens: for scripts that call /api/ as you, with your role. Created here
// (shown once), listed, revoked.
import { useState, type FormEvent } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import { useApiTokens, useRefreshTeam } from "../api/teamQueries";
import type { ApiToken, IssuedApiToken } from "../api/teamTypes";
import { formatRelativeTime } from "../format/time";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { ShownOnceSecret } from "../ui/ShownOnceSecret";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";

export function ApiTokensPanel() {
  const tokens = useApiTokens();
  const refresh = useRefreshTeam();
  const [name, setName] = useState("");
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<IssuedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError("Name the token after the script or machine that will use it.");
    setError(null);
    setCreating(true);
    try {
      setFresh(await api.createApiToken(name.trim()));
      setName("");
      await refresh("tokens");
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setCreating(false);
    }
  };

  return (
    <section className="card team-section" aria-labelledby="account-tokens">
      <h2 id="account-tokens">API tokens</h2>
      <p className="muted">
        A script sends one as <code>Authorization: Bearer …</code> to <code>/api/</code> and acts as you, with your role. Reinforge stores only a hash of
        each token. Gateway calls (<code>/v1/</code>) take a gateway key instead.
      </p>
      <form className="key-create" onSubmit={create} noValidate>
        <label className="field">
          <span>New token name</span>
          <input value={name} maxLength={200} onChange={(event) => setName(event.target.value)} placeholder="nightly-export" disabled={creating} />
        </label>
        <button type="submit" className="button button-primary" disabled={creating}>
          {creating ? "Creating…" : "Create token"}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {fresh && (
        <ShownOnceSecret
          title={`Copy the token “${fresh.name}” now: it is shown only this once.`}
          note="Reinforge keeps only its hash, so it cannot show it again. If it is lost, revoke it and create another."
          value={fresh.token}
          copyLabel="Copy token"
          testId="fresh-token"
          onDismiss={() => setFresh(null)}
        />
      )}

      {tokens.isPending ? (
        <LoadingState label="Loading your tokens…" />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} title="Your tokens could not be loaded" />
      ) : tokens.data.items.length === 0 ? (
        <EmptyState title="No API tokens yet">Create one per script, so you can revoke one without breaking the others.</EmptyState>
      ) : (
        <div className="table-card">
          <table className="table" data-testid="tokens-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Token</th>
                <th>Created</th>
                <th>Last used</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.items.map((token) => (
                <tr key={token.id} data-testid="token-row">
                  <td>
                    <strong>{token.name}</strong>
                  </td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td title={token.created_at}>{formatRelativeTime(token.created_at)}</td>
                  <td title={token.last_used_at ?? undefined}>{token.last_used_at ? formatRelativeTime(token.last_used_at) : <span className="muted">never</span>}</td>
                  <td className="row-actions">
                    <button type="button" className="button button-small button-danger-ghost" onClick={() => setRevoking(token)}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke token"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await api.revokeApiToken(revoking.id);
            if (fresh?.id === revoking.id) setFresh(null);
            await refresh("tokens");
          }}
        >
          <p>
            Requests with <code>{revoking.prefix}…</code> are refused (401) from now on. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
