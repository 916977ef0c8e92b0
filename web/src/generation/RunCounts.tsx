// A run's records by status now, "11 accepted · 1 deleted · 9 rejected": only the statuses it has.
import { GENERATED_RECORD_STATUSES, type GeneratedRecordStatus } from "../api/generationTypes";
import { formatCount } from "../format/numbers";

const STATUS_TONE: Record<GeneratedRecordStatus, string> = { accepted: "good", pending: "info", rejected: "muted", deleted: "muted" };

export function RunCounts({ counts }: { counts: Record<GeneratedRecordStatus, number> }) {
  const shown = GENERATED_RECORD_STATUSES.filter((status) => counts[status] > 0);
  if (shown.length === 0) return <span className="muted run-counts">no records</span>;
  return (
    <span className="run-counts" data-testid="run-counts">
      {shown.map((status, index) => (
        <span key={status} data-status={status}>
          {index > 0 && <span className="muted"> · </span>}
          <span className={`tone-text-${STATUS_TONE[status]}`}>{formatCount(counts[status])}</span> {status}
        </span>
      ))}
    </span>
  );
}
