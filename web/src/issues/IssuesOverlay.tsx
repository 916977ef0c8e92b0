import { useMemo } from "react";
import { useRecordPages } from "../api/queries";
import type { Health } from "../api/types";
import { useMayChange } from "../auth/useSession";
import { formatCount, formatPercent } from "../format/numbers";
import { issueCounts, issueLabel } from "../records/recordFilters";
import { IssueList } from "../records/IssueList";
import { Modal } from "../ui/Modal";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";

interface IssuesOverlayProps {
  datasetId: number;
  health: Health;
  onShowRecordsWithIssue: (code: string) => void;
  onFixRecord: (recordId: number) => void;
  onClose: () => void;
}

/** What is wrong with the dataset: issue codes with counts, then the invalid records to fix. */
export function IssuesOverlay({ datasetId, health, onShowRecordsWithIssue, onFixRecord, onClose }: IssuesOverlayProps) {
  const counts = issueCounts(health);
  const invalid = useRecordPages(datasetId, { validity: "invalid" });
  const records = useMemo(() => invalid.data?.pages.flatMap((page) => page.items) ?? [], [invalid.data]);
  const total = invalid.data?.pages[0]?.total ?? 0;
  const mayFix = useMayChange()("records");

  return (
    <Modal title="Issues" onClose={onClose} size="large">
      <p className="muted">
        {formatCount(health.invalid)} of {formatCount(health.total)} records are invalid ({formatPercent(health.invalid_percent)}). Invalid records are kept
        but left out of topics, generation and training until they are fixed.
      </p>
      {counts.length === 0 ? (
        <EmptyState title="No issues">Every record passed validation.</EmptyState>
      ) : (
        <table className="table issue-counts" data-testid="issue-counts">
          <thead>
            <tr>
              <th>Issue</th>
              <th>Severity</th>
              <th className="numeric">Records</th>
              <th>
                <span className="visually-hidden">Show</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.map((count) => (
              <tr key={count.code}>
                <td>
                  {issueLabel(count.code)} <code className="muted">{count.code}</code>
                </td>
                <td>
                  <span className={`badge tone-${count.severity === "error" ? "bad" : "warn"}`}>{count.severity}</span>
                </td>
                <td className="numeric">{formatCount(count.count)}</td>
                <td className="row-actions">
                  <button type="button" className="button button-small" onClick={() => onShowRecordsWithIssue(count.code)}>
                    Show records
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {health.invalid > 0 && (
        <>
          <h3 className="section-title">Invalid records</h3>
          {invalid.isPending ? (
            <LoadingState label="Loading invalid records…" />
          ) : invalid.isError ? (
            <ErrorState error={invalid.error} onRetry={() => invalid.refetch()} />
          ) : (
            <ul className="invalid-records" data-testid="invalid-records">
              {records.map((record) => (
                <li key={record.id} className="invalid-record">
                  <div className="invalid-record-head">
                    <strong>{record.line !== null ? `Line ${record.line}` : `Record #${record.id}`}</strong>
                    <span className="muted invalid-record-preview">{record.preview}</span>
                    <button type="button" className="button button-small" onClick={() => onFixRecord(record.id)}>
                      {mayFix ? "Fix" : "View"}
                    </button>
                  </div>
                  <IssueList issues={record.issues} />
                </li>
              ))}
            </ul>
          )}
          {invalid.hasNextPage && (
            <button type="button" className="button" onClick={() => invalid.fetchNextPage()} disabled={invalid.isFetchingNextPage}>
              {invalid.isFetchingNextPage ? "Loading…" : `Show more (${formatCount(total - records.length)} left)`}
            </button>
          )}
        </>
      )}
    </Modal>
  );
}
