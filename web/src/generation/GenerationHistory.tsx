// The dataset's generation runs, newest first: how each ended, its records by status now, and a
// link to review it; a row's number shows its outcome above.
import type { GenerationRun } from "../api/generationTypes";
import { formatRelativeTime } from "../format/time";
import { runStateLook, runTime } from "./generationDisplay";
import { RunCounts } from "./RunCounts";

interface GenerationHistoryProps {
  runs: GenerationRun[];
  selectedId: number | undefined;
  onSelect: (id: number) => void;
  onReview: (id: number) => void;
}

export function GenerationHistory({ runs, selectedId, onSelect, onReview }: GenerationHistoryProps) {
  return (
    <div className="table-card">
      <table className="table generation-history" data-testid="generation-history">
        <thead>
          <tr>
            <th>Run</th>
            <th>State</th>
            <th>Model</th>
            <th>Records now</th>
            <th>Started</th>
            <th className="row-actions" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const look = runStateLook(run);
            const selected = run.id === selectedId;
            const created = runTime(run.created_at);
            return (
              <tr key={run.id} className={selected ? "row-selected" : undefined} data-run={run.id} aria-selected={selected}>
                <td>
                  <button type="button" className="link-button generation-run-link" onClick={() => onSelect(run.id)} aria-label={`Show run #${run.id}`}>
                    #{run.id}
                  </button>
                </td>
                <td>
                  <span className={`badge tone-${look.tone}`}>{look.label}</span>
                  {run.review && <span className="muted cell-note"> · with review</span>}
                </td>
                <td className="generation-history-model">
                  <code>{run.model}</code>
                </td>
                <td>
                  <RunCounts counts={run.counts} />
                </td>
                <td title={created}>{formatRelativeTime(created)}</td>
                <td className="row-actions">
                  <button type="button" className="button button-small" onClick={() => onReview(run.id)} aria-label={`Review run #${run.id}`}>
                    Review
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
