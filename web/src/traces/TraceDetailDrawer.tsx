// One trace, opened from a list: what was asked and answered, its figures, and the raw bodies.
import type { GatewayKey, TraceDetail } from "../api/tracesTypes";
import { formatCount } from "../format/numbers";
import { Modal } from "../ui/Modal";
import { ErrorState, LoadingState } from "../ui/States";
import { formatLatency, formatTraceTime, modelLabel, statusTone } from "./traceFormat";
import { declaredTools, prettyJson, requestMessages, responseMessage, type MessageView } from "./traceMessages";
import { useTrace } from "./traceQueries";
import { TraceTags } from "./TraceTags";
import "../styles/traces.css";

interface TraceDetailDrawerProps {
  traceId: string;
  keys: GatewayKey[];
  onClose: () => void;
}

export function TraceDetailDrawer({ traceId, keys, onClose }: TraceDetailDrawerProps) {
  const trace = useTrace(traceId);
  return (
    <Modal title="Trace" onClose={onClose} size="drawer">
      {trace.isPending ? (
        <LoadingState label="Loading the trace…" />
      ) : trace.isError ? (
        <ErrorState error={trace.error} onRetry={() => trace.refetch()} title="The trace could not be loaded" />
      ) : (
        <TraceBody trace={trace.data} keys={keys} />
      )}
    </Modal>
  );
}

function TraceBody({ trace, keys }: { trace: TraceDetail; keys: GatewayKey[] }) {
  const key = trace.gateway_key_id === null ? null : keys.find((candidate) => candidate.id === trace.gateway_key_id);
  const messages = requestMessages(trace.request);
  const answer = responseMessage(trace.response);
  const tools = declaredTools(trace.request);
  const usage = trace.usage;
  return (
    <div className="trace-detail" data-testid="trace-detail">
      <div className="trace-detail-head">
        <span className={`badge tone-${statusTone(trace.status)}`}>{trace.status}</span>
        <code>{trace.id}</code>
        <span className="muted" title={trace.created_at}>
          {formatTraceTime(trace.created_at_ms)}
        </span>
      </div>
      {trace.error && (
        <div className="notice tone-bad" role="status">
          {trace.error}
        </div>
      )}
      <dl className="trace-facts">
        <Fact label="Model">{modelLabel(trace)}</Fact>
        <Fact label="Provider">{trace.provider || "—"}</Fact>
        <Fact label="Endpoint">
          {trace.endpoint}
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
              ({formatCount(usage.prompt_tokens)} in · {formatCount(usage.completion_tokens ?? 0)} out)
            </span>
          )}
        </Fact>
        <Fact label="Gateway key">{trace.gateway_key_id === null ? <span className="muted">admin token</span> : key ? `${key.name} (${key.prefix}…)` : `#${trace.gateway_key_id}`}</Fact>
        <Fact label="Tags">
          {trace.tags.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <TraceTags tags={trace.tags} />
          )}
        </Fact>
      </dl>

      {messages.length > 0 && (
        <section aria-label="Conversation">
          <h3 className="trace-section-title">
            Request messages {tools.length > 0 && <span className="muted">· tools: {tools.join(", ")}</span>}
          </h3>
          <ol className="trace-messages">
            {messages.map((message, index) => (
              <Message key={index} message={message} />
            ))}
          </ol>
          <h3 className="trace-section-title">Response</h3>
          {answer ? (
            <ol className="trace-messages">
              <Message message={answer} answer />
            </ol>
          ) : (
            <p className="muted">No answer message{trace.error ? " (the call failed)" : ""}.</p>
          )}
        </section>
      )}

      <details className="trace-raw" open={messages.length === 0}>
        <summary>Request JSON</summary>
        <pre data-testid="trace-request-json">{prettyJson(trace.request)}</pre>
      </details>
      <details className="trace-raw" open={messages.length === 0}>
        <summary>Response JSON</summary>
        <pre data-testid="trace-response-json">{trace.response === null ? "(no response body)" : prettyJson(trace.response)}</pre>
      </details>
    </div>
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

function Message({ message, answer }: { message: MessageView; answer?: boolean }) {
  return (
    <li className={`trace-message trace-role-${message.role}${answer ? " trace-answer" : ""}`}>
      <span className="trace-role">{message.role}</span>
      <div className="trace-message-body">
        {message.text && <p className="trace-message-text">{message.text}</p>}
        {message.toolCalls.map((call, index) => (
          <p key={index} className="trace-tool-call">
            <code>
              {call.name}({call.arguments})
            </code>
          </p>
        ))}
        {!message.text && message.toolCalls.length === 0 && <p className="muted">(empty)</p>}
      </div>
    </li>
  );
}
