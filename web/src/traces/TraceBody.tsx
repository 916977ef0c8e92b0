// One trace's detail: status and time, its session, its figures, its conversation, the raw bodies.
import type { GatewayKey, TraceDetail } from "../api/tracesTypes";
import { formatCount } from "../format/numbers";
import { endpointLabel } from "./traceEndpoints";
import { formatLatency, formatTraceTime, modelLabel, statusTone } from "./traceFormat";
import { prettyJson, traceConversation } from "./traceMessages";
import { TraceConversation } from "./TraceConversation";
import { TraceTags } from "./TraceTags";
import "../styles/traces.css";

interface TraceBodyProps {
  trace: TraceDetail;
  keys: GatewayKey[];
  onShowSession: (sessionId: string) => void;
}

export function TraceBody({ trace, keys, onShowSession }: TraceBodyProps) {
  const conversation = traceConversation(trace);
  const hasConversation = conversation.source !== "none";
  return (
    <div className="trace-detail" data-testid="trace-detail">
      <div className="trace-detail-head">
        <span className={`badge tone-${statusTone(trace.status, trace.error)}`}>{trace.status}</span>
        <code>{trace.id}</code>
        <span className="muted" title={trace.created_at}>
          {formatTraceTime(trace.created_at_ms)}
        </span>
      </div>
      {trace.session_id && (
        <div className="trace-session" data-testid="trace-session">
          <span className="muted">Session</span>
          <code>{trace.session_id}</code>
          <button type="button" className="button button-small" onClick={() => onShowSession(trace.session_id!)}>
            Show session
          </button>
        </div>
      )}
      {trace.error && (
        <div className="notice tone-bad" role="status">
          {trace.error}
        </div>
      )}
      <TraceFacts trace={trace} keys={keys} />
      {hasConversation && <TraceConversation trace={trace} conversation={conversation} />}
      <details className="trace-raw" open={!hasConversation}>
        <summary>
          Request JSON {conversation.source === "conversation" && <span className="muted">· as sent ({endpointLabel(trace.endpoint)})</span>}
        </summary>
        <pre data-testid="trace-request-json">{prettyJson(trace.request)}</pre>
      </details>
      <details className="trace-raw" open={!hasConversation}>
        <summary>
          Response JSON {conversation.source === "conversation" && <span className="muted">· as the caller got it</span>}
        </summary>
        <pre data-testid="trace-response-json">{trace.response === null ? "(no response body)" : prettyJson(trace.response)}</pre>
      </details>
    </div>
  );
}

function TraceFacts({ trace, keys }: { trace: TraceDetail; keys: GatewayKey[] }) {
  const key = trace.gateway_key_id === null ? null : keys.find((candidate) => candidate.id === trace.gateway_key_id);
  const usage = trace.usage;
  return (
    <dl className="trace-facts">
      <Fact label="Model">{modelLabel(trace)}</Fact>
      <Fact label="Provider">{trace.provider || "—"}</Fact>
      <Fact label="Endpoint">
        <span title={endpointLabel(trace.endpoint)}>{trace.endpoint}</span>
        {trace.stream ? " · streamed" : ""}
      </Fact>
      <Fact label="Latency">{formatLatency(trace.latency_ms)}</Fact>
      <Fact label="Time to first token">{formatLatency(trace.ttft_ms)}</Fact>
      <Fact label="Attempts">{trace.attempts}</Fact>
      <Fact label="Tokens">
        {usage.total_tokens === null ? "—" : formatCount(usage.total_tokens)}
        {usage.prompt_tokens !== null && (
          <span className="muted">
            {" "}
            ({formatCount(usage.prompt_tokens)} in
            {usage.cached_tokens ? `, ${formatCount(usage.cached_tokens)} cached` : ""} ·{" "}
            {formatCount(usage.completion_tokens ?? 0)} out
            {usage.reasoning_tokens ? `, ${formatCount(usage.reasoning_tokens)} reasoning` : ""})
          </span>
        )}
      </Fact>
      <Fact label="Gateway key">{trace.gateway_key_id === null ? <span className="muted">none (admin token or the playground)</span> : key ? `${key.name} (${key.prefix}…)` : `#${trace.gateway_key_id}`}</Fact>
      <Fact label="Tags">{trace.tags.length === 0 ? <span className="muted">none</span> : <TraceTags tags={trace.tags} />}</Fact>
    </dl>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
