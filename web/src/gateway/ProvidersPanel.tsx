// The gateway's configuration as the server runs it: providers (whether a key is set, never the
// key), model routes, and the trace writer's queue counters.
import { formatCount } from "../format/numbers";
import { ErrorState, LoadingState } from "../ui/States";
import { useGatewayStatus } from "../traces/traceQueries";

export function ProvidersPanel() {
  const status = useGatewayStatus();
  if (status.isPending) return <LoadingState label="Loading the gateway's configuration…" />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => status.refetch()} title="The gateway status could not be loaded" />;
  const { providers, models, default_provider: defaultProvider, traces } = status.data;
  return (
    <div className="providers">
      <h2 className="section-title">Providers</h2>
      {providers.length === 0 ? (
        <div className="notice tone-warn">
          No provider is configured: calls have nowhere to go. Set <code>OPENAI_API_KEY</code> (and <code>OPENAI_BASE_URL</code> for another endpoint) before starting the server, or list
          providers in its config file (docs/configuration.md).
        </div>
      ) : (
        <div className="table-card">
          <table className="table" data-testid="providers-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Base URL</th>
                <th>Key variable</th>
                <th>Key</th>
              </tr>
            </thead>
            <tbody>
              {providers.map((provider) => (
                <tr key={provider.name}>
                  <td>
                    <strong>{provider.name}</strong> {provider.name === defaultProvider && <span className="badge tone-info">default</span>}
                  </td>
                  <td>
                    <code>{provider.base_url}</code>
                  </td>
                  <td>{provider.api_key_env ? <code>{provider.api_key_env}</code> : <span className="muted">—</span>}</td>
                  <td>
                    {provider.api_key_set ? (
                      <span className="badge tone-good">✓ key set</span>
                    ) : provider.api_key_env ? (
                      // A variable the configuration names but the server's environment lacks: calls to it fail.
                      <span className="badge tone-warn" title="Set it in the server's environment, then restart the server.">
                        ⚠ not set
                      </span>
                    ) : (
                      <span className="badge tone-muted">no key</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="section-title">Models</h2>
      {models.length === 0 ? (
        <p className="muted">
          No model routes: {defaultProvider ? `every model name goes to ${defaultProvider} as it is.` : "add models to the config file, or a default provider."}
        </p>
      ) : (
        <div className="table-card">
          <table className="table">
            <thead>
              <tr>
                <th>Model name</th>
                <th>Provider</th>
                <th>Upstream model</th>
                <th>Fallbacks</th>
              </tr>
            </thead>
            <tbody>
              {models.map((model) => (
                <tr key={model.name}>
                  <td>
                    <strong>{model.name}</strong>
                  </td>
                  <td>{model.provider}</td>
                  <td>
                    <code>{model.upstream_model}</code>
                  </td>
                  <td>{model.fallbacks.length > 0 ? model.fallbacks.join(" → ") : <span className="muted">none</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="section-title">Trace queue</h2>
      <div className="card">
        <dl className="figures" data-testid="trace-queue">
          <div>
            <dt>Accepted</dt>
            <dd>{formatCount(traces.accepted)}</dd>
          </div>
          <div>
            <dt>Written</dt>
            <dd>{formatCount(traces.written)}</dd>
          </div>
          <div>
            <dt>Waiting</dt>
            <dd>
              {formatCount(traces.queued)} <span className="muted">of {formatCount(traces.queue_capacity)}</span>
            </dd>
          </div>
          <div className={traces.dropped > 0 ? "figure-alarm" : undefined}>
            <dt>Dropped</dt>
            <dd className={traces.dropped > 0 ? "tone-text-bad" : undefined}>{formatCount(traces.dropped)}</dd>
          </div>
          <div>
            <dt>Failed writes</dt>
            <dd className={traces.failed > 0 ? "tone-text-bad" : undefined}>{formatCount(traces.failed)}</dd>
          </div>
        </dl>
        {traces.dropped > 0 ? (
          <p className="tone-text-bad detail-note" role="status">
            {formatCount(traces.dropped)} traces were dropped because the queue was full (callers are never slowed down instead). Raise <code>gateway.trace_queue_capacity</code> if
            this happens under normal load.
          </p>
        ) : (
          <p className="muted detail-note">Traces are written off the request path; a full queue drops and counts them rather than slowing callers.</p>
        )}
      </div>
    </div>
  );
}
