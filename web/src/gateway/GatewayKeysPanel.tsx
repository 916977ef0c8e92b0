// Gateway keys: create one (shown once), list them, revoke with confirmation.
import { useState, type FormEvent } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import type { GatewayKey, IssuedGatewayKey } from "../api/tracesTypes";
import { formatRelativeTime } from "../format/time";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { ShownOnceSecret } from "../ui/ShownOnceSecret";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { useGatewayKeys, useRefreshGatewayKeys } from "../traces/traceQueries";
import { ReadOnlyNote } from "../auth/ReadOnlyNote";
import { useMayChange } from "../auth/useSession";

export function GatewayKeysPanel() {
  const keys = useGatewayKeys();
  const refresh = useRefreshGatewayKeys();
  const [name, setName] = useState("");
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<IssuedGatewayKey | null>(null);
  const [revoking, setRevoking] = useState<GatewayKey | null>(null);
  const mayManage = useMayChange()("gatewayKeys");

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError("Name the key after who or what will use it (a service, a team, CI).");
    setError(null);
    setCreating(true);
    try {
      setFresh(await api.createGatewayKey(name.trim()));
      setName("");
      await refresh();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setCreating(false);
    }
  };

  return (
    <div className="gateway-keys">
      <p className="muted">
        Callers send a gateway key as their OpenAI API key (<code>Authorization: Bearer rk_…</code>). Each call's trace records which key made it. Reinforge stores only a hash of each key.
      </p>
      {mayManage ? (
        <form className="key-create" onSubmit={create} noValidate>
          <label className="field">
            <span>New key name</span>
            <input value={name} maxLength={200} onChange={(event) => setName(event.target.value)} placeholder="checkout-service" disabled={creating} />
          </label>
          <button type="submit" className="button button-primary" disabled={creating}>
            {creating ? "Creating…" : "Create key"}
          </button>
        </form>
      ) : (
        <ReadOnlyNote what="gatewayKeys" lead="Creating and revoking keys is for admins." />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      {fresh && (
        <ShownOnceSecret
          title={`Copy the key for “${fresh.name}” now: it is shown only this once.`}
          note="Reinforge keeps only its hash, so it cannot show it again. If it is lost, revoke it and create another."
          value={fresh.key}
          copyLabel="Copy key"
          testId="fresh-key"
          onDismiss={() => setFresh(null)}
        />
      )}

      {keys.isPending ? (
        <LoadingState label="Loading keys…" />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => keys.refetch()} title="The keys could not be loaded" />
      ) : keys.data.items.length === 0 ? (
        <EmptyState title="No gateway keys yet">
          {mayManage ? "Create one for each service or person that calls the gateway, so their traces tell them apart." : "An admin creates them, one per service or person that calls the gateway."}
        </EmptyState>
      ) : (
        <div className="table-card">
          <table className="table" data-testid="keys-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Key</th>
                <th>Created</th>
                <th>Status</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...keys.data.items].reverse().map((key) => (
                <tr key={key.id} className={key.revoked_at ? "row-revoked" : undefined} data-testid="key-row">
                  <td>
                    <strong>{key.name}</strong>
                  </td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td title={key.created_at}>{formatRelativeTime(key.created_at)}</td>
                  <td>
                    {key.revoked_at ? (
                      <span className="badge tone-muted" title={key.revoked_at}>
                        revoked {formatRelativeTime(key.revoked_at)}
                      </span>
                    ) : (
                      <span className="badge tone-good">active</span>
                    )}
                  </td>
                  <td className="row-actions">
                    {mayManage && !key.revoked_at && (
                      <button type="button" className="button button-small button-danger-ghost" onClick={() => setRevoking(key)}>
                        Revoke
                      </button>
                    )}
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
          confirmLabel="Revoke key"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await api.revokeGatewayKey(revoking.id);
            if (fresh?.id === revoking.id) setFresh(null);
            await refresh();
          }}
        >
          <p>
            Calls with <code>{revoking.prefix}…</code> are refused (401) within a second. This cannot be undone; its traces stay.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
