// Every call of one agent session as one vertical timeline, oldest first: each call's figures
// and only what it added to the conversation, so an episode reads as one story.
import { useEffect, useRef } from "react";
import { formatCount } from "../format/numbers";
import { ErrorState, LoadingState } from "../ui/States";
import { SessionCall, type SessionCallState } from "./SessionCall";
import { formatElapsed, oldestFirst, sessionSummary, sessionTurns } from "./sessionTimeline";
import { endpointLabel } from "./traceEndpoints";
import { formatTraceTime } from "./traceFormat";
import { traceConversation } from "./traceMessages";
import { useSessionCalls, useTraces } from "./traceQueries";
import "../styles/traces.css";

interface SessionTimelineProps {
  sessionId: string;
  /** The call the session was opened from, marked and scrolled to. */
  currentTraceId: string;
  onOpenTrace: (traceId: string) => void;
}

export function SessionTimeline({ sessionId, currentTraceId, onOpenTrace }: SessionTimelineProps) {
  const list = useSessionCalls(sessionId);
  const calls = oldestFirst(list.data?.items ?? []);
  const details = useTraces(calls.map((call) => call.id));
  const current = useRef<HTMLLIElement>(null);
  const scrolled = useRef(false);
  const conversations = details.map((detail) => (detail.data ? traceConversation(detail.data) : detail.isError ? null : undefined));
  const turns = sessionTurns(conversations);
  const allLoaded = details.length > 0 && details.every((detail) => !detail.isPending);

  useEffect(() => {
    if (!allLoaded || scrolled.current || !current.current) return;
    scrolled.current = true;
    current.current.scrollIntoView({ block: "center" });
  }, [allLoaded]);

  if (list.isPending) return <LoadingState label="Loading the session…" />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} title="The session could not be loaded" />;

  const summary = sessionSummary(calls);
  const startMs = summary.firstMs ?? 0;
  return (
    <div className="session" data-testid="session-timeline">
      <div className="session-head">
        <div className="session-id">
          <span className="muted">Session</span> <code>{sessionId}</code>
        </div>
        <p className="session-stats" data-testid="session-stats">
          <strong>{formatCount(summary.calls)}</strong> {summary.calls === 1 ? "call" : "calls"}
          {summary.firstMs !== null && summary.lastMs !== null && (
            <>
              {" "}
              · {formatTraceTime(summary.firstMs)}
              {summary.lastMs > summary.firstMs ? `, over ${formatElapsed(summary.lastMs - summary.firstMs).slice(1)}` : ""}
            </>
          )}{" "}
          · {formatCount(summary.tokens)} tokens · {summary.endpoints.map(endpointLabel).join(", ")}
          {summary.errors > 0 && <span className="tone-text-bad"> · {formatCount(summary.errors)} failed</span>}
        </p>
        {list.data.total > calls.length && (
          <p className="notice tone-warn">
            Showing the latest {formatCount(calls.length)} of {formatCount(list.data.total)} calls.
          </p>
        )}
      </div>
      <ol className="session-timeline">
        {calls.map((call, index) => {
          const detail = details[index];
          const conversation = conversations[index];
          const state: SessionCallState = detail?.isError
            ? { kind: "error", error: detail.error }
            : turns[index]
              ? { kind: "ready", turns: turns[index]! }
              : conversation?.source === "none"
                ? { kind: "none" }
                : { kind: "loading" };
          const isCurrent = call.id === currentTraceId;
          return (
            <SessionCall
              key={call.id}
              ref={isCurrent ? current : undefined}
              call={call}
              index={index}
              elapsedMs={call.created_at_ms - startMs}
              state={state}
              current={isCurrent}
              onOpen={() => onOpenTrace(call.id)}
            />
          );
        })}
      </ol>
    </div>
  );
}
