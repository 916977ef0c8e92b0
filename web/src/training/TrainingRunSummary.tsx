// One run at a glance: state, progress (epoch, step, percent, ETA), train and validation reward
// with their change since the start, the error of a failed run, the model of a succeeded one.
import { isTrainingActive } from "../api/liveness";
import type { TrainingRun } from "../api/trainingTypes";
import { ProgressBar } from "../ui/ProgressBar";
import { StatusBadge } from "../ui/StatusBadge";
import { FineTunedModel } from "./FineTunedModel";
import { RewardFigure } from "./RewardFigure";
import { BACKEND_INFO, formatProgressLine, RUN_STATE_LOOK } from "./trainingDisplay";

export function TrainingRunSummary({ run, onDeploy }: { run: TrainingRun; onDeploy: () => void }) {
  const active = isTrainingActive(run);
  const progressLine = formatProgressLine(run.progress, { eta: active });
  return (
    <div className="training-summary" data-testid="training-run-summary" data-run={run.id} data-state={run.state}>
      <div className="training-summary-head">
        <StatusBadge look={RUN_STATE_LOOK[run.state]} />
        <span>
          Run #{run.id} · {BACKEND_INFO[run.backend].label} · <code>{run.base_model}</code>
        </span>
        {run.remote_status && <span className="muted">{run.remote_status}</span>}
      </div>
      {active && <ProgressBar value={run.state === "running" ? (run.progress?.percent ?? null) : null} label={progressLine || "Training"} />}
      {progressLine && (
        <p className="training-progress-line" data-testid="training-progress">
          {progressLine}
        </p>
      )}
      <dl className="figures training-figures">
        <RewardFigure label="Train reward" trend={run.rewards?.train} testId="train-reward" />
        <RewardFigure label="Valid reward" trend={run.rewards?.valid} testId="valid-reward" />
      </dl>
      {run.error && (
        <div className="notice tone-bad" role="alert" data-testid="training-error">
          {run.error}
        </div>
      )}
      <FineTunedModel run={run} onDeploy={onDeploy} />
    </div>
  );
}
