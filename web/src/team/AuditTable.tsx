// One page of the audit log, newest first, with a pager that follows the server's cursors.
import type { AuditPage } from "../api/teamTypes";
import { formatTraceTime, statusTone } from "../traces/traceFormat";
import type { CursorPaging } from "../ui/useCursorTrail";
import { targetLabel, viaLabel } from "./auditDisplay";

interface AuditTableProps {
  page: AuditPage;
  paging: Pick<CursorPaging, "pageIndex" | "onPrevious" | "onNext">;
  /** Greys the rows while the next page or filter loads. */
  stale: boolean;
}

export function AuditTable({ page, paging, stale }: AuditTableProps) {
  const nextCursor = page.next_cursor;
  return (
    <div className={`table-card audit-table-card${stale ? " is-stale" : ""}`}>
      <table className="table audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th>Time</th>
            <th>Who</th>
            <th>Action</th>
            <th>On</th>
            <th>Request</th>
            <th>Status</th>
            <th>From</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((entry) => {
            const via = viaLabel(entry.via);
            return (
              <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
                <td className="audit-time" title={entry.at}>
                  {formatTraceTime(Date.parse(entry.at))}
                </td>
                <td>
                  <strong>{entry.user_name}</strong>
                  {via && <span className="trace-chip">{via}</span>}
                </td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>{targetLabel(entry.target)}</td>
                <td className="audit-request">
                  {entry.method} {entry.path}
                </td>
                <td>
                  <span className={`badge tone-${statusTone(entry.status)}`}>{entry.status}</span>
                </td>
                <td className="muted">{entry.remote_address}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="pager">
        <span className="muted">Page {paging.pageIndex + 1}</span>
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
