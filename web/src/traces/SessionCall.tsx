// One call on a session's timeline: when, which protocol and model, how long, how many tokens,
// its status, and the turns it added.
import type { Ref } from "react";
import { describeError } from "../api/errors";
import type { TraceSummary } from "../api/tracesTypes";
import { EndpointBadge } from "./EndpointBadge";
import { SessionTurns } from "./SessionTurns";
import { formatElapsed, type CallTurns } from "./sessionTimeline";
import { formatLatency, formatTokens, formatTraceTime, modelLabel, statusTone } from "./traceFormat";

export type SessionCallState = { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "none" } | { kind: "ready"; turns: CallTurns };

interface SessionCallProps {
  ref?: Ref<HTMLLIElement>;
  call: TraceSummary;
  index: number;
  elapsedMs: number;
  state: SessionCallState;
  current: boolean;
  onOpen: () => void;
}

export function SessionCall({ ref, call, index, elapsedMs, state, current, onOpen }: SessionCallProps) {
  const tone = statusTone(call.status, call.error);
  return (
    <li ref={ref} className={`session-call${current ? " is-current" : ""}`} data-testid="session-call" data-trace-id={call.id}>
      <span className={`session-dot tone-${tone}`} aria-hidden="true" />
      <div className="session-call-main">
        <div className="session-call-head">
          <span className="session-call-index">#{index + 1}</span>
          {/* The first call's time, then each call's time since it; the exact time in a tooltip. */}
          <span className="session-call-time" title={`${formatTraceTime(call.created_at_ms)} (${call.created_at})`}>
            {index === 0 ? formatTraceTime(call.created_at_ms) : formatElapsed(elapsedMs)}
          </span>
          <EndpointBadge endpoint={call.endpoint} />
          <span className="session-call-model">{modelLabel(call)}</span>
          <span className={`badge tone-${tone}`} title={call.error ?? undefined}>
            {call.status}
          </span>
          <span className="muted session-call-figures">
            {formatLatency(call.latency_ms)} · {formatTokens(call.usage)} tokens
          </span>
          {current && <span className="session-call-here">this trace</span>}
          <button type="button" className="link-button session-call-open" onClick={onOpen}>
            Open trace →
          </button>
        </div>
        {call.error && <p className="session-call-error tone-text-bad">{call.error}</p>}
        {state.kind === "ready" ? (
          <SessionTurns turns={state.turns} />
        ) : state.kind === "loading" ? (
          <p className="muted session-call-note">Loading its turns…</p>
        ) : state.kind === "none" ? (
          <p className="muted session-call-note">No conversation recorded for this call; open the trace for its bodies.</p>
        ) : (
          <p className="tone-text-bad session-call-note">Its turns could not be loaded: {describeError(state.error)}</p>
        )}
      </div>
    </li>
  );
}
