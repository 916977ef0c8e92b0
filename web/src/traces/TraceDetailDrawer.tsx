// A trace opened from a list, in a drawer that can turn to the trace's session (every call of
// the agent episode as one timeline) and from there to another of its calls, with a way back.
import { useEffect, useRef, useState } from "react";
import type { GatewayKey } from "../api/tracesTypes";
import { Modal } from "../ui/Modal";
import { ErrorState, LoadingState } from "../ui/States";
import { SessionTimeline } from "./SessionTimeline";
import { TraceBody } from "./TraceBody";
import { useTrace } from "./traceQueries";
import "../styles/traces.css";

interface TraceDetailDrawerProps {
  traceId: string;
  keys: GatewayKey[];
  onClose: () => void;
}

type DrawerView = { kind: "trace"; traceId: string } | { kind: "session"; sessionId: string; fromTraceId: string };

export function TraceDetailDrawer({ traceId, keys, onClose }: TraceDetailDrawerProps) {
  const [views, setViews] = useState<DrawerView[]>([{ kind: "trace", traceId }]);
  const view = views[views.length - 1]!;
  const previous = views.length > 1 ? views[views.length - 2]! : null;
  const top = useRef<HTMLDivElement>(null);
  const open = (next: DrawerView) => setViews([...views, next]);

  // Each view starts at its top, not where the last one was scrolled to. (A block body: newer
  // browsers' scrollIntoView returns a promise, which React would take for a cleanup function.)
  useEffect(() => {
    top.current?.scrollIntoView({ block: "start" });
  }, [views.length]);

  return (
    <Modal title={view.kind === "trace" ? "Trace" : "Session"} onClose={onClose} size="drawer">
      <div ref={top} />
      {previous && (
        <button type="button" className="button button-small button-ghost drawer-back" onClick={() => setViews(views.slice(0, -1))}>
          ← Back to the {previous.kind}
        </button>
      )}
      {view.kind === "trace" ? (
        <TraceView key={view.traceId} traceId={view.traceId} keys={keys} onShowSession={(sessionId) => open({ kind: "session", sessionId, fromTraceId: view.traceId })} />
      ) : (
        <SessionTimeline sessionId={view.sessionId} currentTraceId={view.fromTraceId} onOpenTrace={(id) => open({ kind: "trace", traceId: id })} />
      )}
    </Modal>
  );
}

function TraceView({ traceId, keys, onShowSession }: { traceId: string; keys: GatewayKey[]; onShowSession: (sessionId: string) => void }) {
  const trace = useTrace(traceId);
  if (trace.isPending) return <LoadingState label="Loading the trace…" />;
  if (trace.isError) return <ErrorState error={trace.error} onRetry={() => trace.refetch()} title="The trace could not be loaded" />;
  return <TraceBody trace={trace.data} keys={keys} onShowSession={onShowSession} />;
}
