// A succeeded run's model: its id to copy, where it is served, and the way on to step 7.
import type { TrainingRun } from "../api/trainingTypes";
import { CopyButton } from "../ui/CopyButton";

export function FineTunedModel({ run, onDeploy }: { run: TrainingRun; onDeploy: () => void }) {
  if (!run.fine_tuned_model) return null;
  return (
    <div className="fine-tuned-model notice tone-good" data-testid="fine-tuned-model">
      <div className="fine-tuned-model-body">
        <span className="muted">Fine-tuned model</span>
        <span className="fine-tuned-model-id">
          <code data-testid="fine-tuned-model-id">{run.fine_tuned_model}</code>
          <CopyButton text={run.fine_tuned_model} label="Copy id" />
        </span>
        {run.model_url && (
          <span className="muted">
            Served at <code>{run.model_url}</code>
          </span>
        )}
      </div>
      <button type="button" className="button button-primary" onClick={onDeploy}>
        Deploy (step 7) →
      </button>
    </div>
  );
}
