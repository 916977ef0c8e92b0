// One page of traces, newest first, with a pager; optionally with checkboxes to pick rows.
import type { TracePage, TraceSummary } from "../api/tracesTypes";
import { formatCount } from "../format/numbers";
import { rangeLabel } from "../ui/cursorTrail";
import type { CursorPaging } from "../ui/useCursorTrail";
import { pageState, isSelected, type TraceSelection } from "./selection";
import { EndpointBadge } from "./EndpointBadge";
import { formatLatency, formatTokens, formatTraceTime, modelLabel, statusTone } from "./traceFormat";
import { TraceTags } from "./TraceTags";
import "../styles/traces.css";

export interface TraceSelectionControls {
  selection: TraceSelection;
  onToggle: (id: string) => void;
  onTogglePage: () => void;
}

interface TracesTableProps {
  page: TracePage;
  /** Which page is on screen; "Newer" steps back, "Older" follows the page's next_cursor. */
  paging: Pick<CursorPaging, "pageIndex" | "onPrevious" | "onNext">;
  onOpen: (trace: TraceSummary) => void;
  selecting?: TraceSelectionControls;
  /** Greys the rows while the next page or filter loads. */
  stale?: boolean;
}

export function TracesTable({ page, paging, onOpen, selecting, stale }: TracesTableProps) {
  const ids = page.items.map((trace) => trace.id);
  const checkState = selecting ? pageState(selecting.selection, ids) : "none";
  const nextCursor = page.next_cursor;
  return (
    <div className={`table-card trace-table-card${stale ? " is-stale" : ""}`}>
      <table className="table trace-table" data-testid="traces-table">
        <thead>
          <tr>
            {selecting && (
              <th className="col-check">
                <input
                  type="checkbox"
                  aria-label="Select the traces on this page"
                  checked={checkState === "all"}
                  ref={(box) => {
                    if (box) box.indeterminate = checkState === "some";
                  }}
                  onChange={selecting.onTogglePage}
                />
              </th>
            )}
            <th>Time</th>
            <th className="col-endpoint">Endpoint</th>
            <th>Model</th>
            <th>Status</th>
            <th className="numeric col-latency">Latency</th>
            <th className="numeric">Tokens</th>
            <th>First user message</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((trace) => {
            const picked = selecting ? isSelected(selecting.selection, trace.id) : false;
            return (
              <tr key={trace.id} className={picked ? "row-selected" : undefined} data-testid="trace-row" data-trace-id={trace.id}>
                {selecting && (
                  <td className="col-check">
                    <input type="checkbox" aria-label={`Select trace ${trace.id}`} checked={picked} onChange={() => selecting.onToggle(trace.id)} />
                  </td>
                )}
                <td className="trace-time" title={trace.created_at}>
                  {formatTraceTime(trace.created_at_ms)}
                </td>
                <td className="col-endpoint">
                  <EndpointBadge endpoint={trace.endpoint} />
                </td>
                <td className="trace-model" title={trace.provider}>
                  {modelLabel(trace)}
                  {trace.stream && <span className="trace-chip">stream</span>}
                </td>
                <td>
                  <span className={`badge tone-${statusTone(trace.status, trace.error)}`} title={trace.error ?? undefined}>
                    {trace.status}
                  </span>
                </td>
                <td className="numeric col-latency">{formatLatency(trace.latency_ms)}</td>
                <td className="numeric">{formatTokens(trace.usage)}</td>
                <td className="trace-preview-cell">
                  <button type="button" className="link-button trace-preview" onClick={() => onOpen(trace)} title="Open the trace">
                    {trace.preview || <em className="muted">({trace.endpoint === "embeddings" ? "embeddings call" : "no user message"})</em>}
                  </button>
                  {trace.tags.length > 0 && <TraceTags tags={trace.tags} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="pager">
        <span className="muted" data-testid="traces-range">
          {rangeLabel(paging.pageIndex, page.limit, page.items.length, page.total, page.total_exact, formatCount)}
        </span>
        <button type="button" className="button button-small" disabled={!paging.onPrevious} onClick={paging.onPrevious}>
          ← Newer
        </button>
        <button type="button" className="button button-small" disabled={nextCursor === null} onClick={() => nextCursor !== null && paging.onNext(nextCursor)}>
          Older →
        </button>
      </div>
    </div>
  );
}
