// Every run of the dataset, newest first: backend, base model, state, rewards, when it was made.
import type { TrainingRun } from "../api/trainingTypes";
import { formatRelativeTime } from "../format/time";
import { StatusBadge } from "../ui/StatusBadge";
import { BACKEND_INFO, formatRewardTrend, RUN_STATE_LOOK } from "./trainingDisplay";

export function TrainingRunsTable({ runs, onOpen }: { runs: TrainingRun[]; onOpen: (runId: number) => void }) {
  return (
    <div className="table-card training-runs-card">
      <table className="table training-runs" data-testid="training-runs">
        <thead>
          <tr>
            <th>Run</th>
            <th>Backend</th>
            <th>Base model</th>
            <th>State</th>
            <th className="numeric">Train reward</th>
            <th className="numeric">Valid reward</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="training-run-row" data-run={run.id} data-state={run.state}>
              <td>
                <button type="button" className="link-button" onClick={() => onOpen(run.id)} aria-label={`Open training run #${run.id}`}>
                  #{run.id}
                </button>
              </td>
              <td>{BACKEND_INFO[run.backend].label}</td>
              <td className="training-run-model">
                <code>{run.base_model}</code>
                {run.fine_tuned_model && (
                  <span className="muted">
                    {" "}
                    → <code>{run.fine_tuned_model}</code>
                  </span>
                )}
              </td>
              <td>
                <StatusBadge look={RUN_STATE_LOOK[run.state]} />
              </td>
              <td className="numeric">{formatRewardTrend(run.rewards?.train)}</td>
              <td className="numeric">{formatRewardTrend(run.rewards?.valid)}</td>
              <td title={run.created_at}>{formatRelativeTime(run.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
