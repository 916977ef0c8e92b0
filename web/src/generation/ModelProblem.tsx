// Why the plan has no model to call, in the server's words, and where to fix it: the model field
// above for this run, or the dataset settings for every run.
import { modelProblemText } from "./generationDisplay";

export function ModelProblem({ message, openSettings }: { message: string; openSettings: () => void }) {
  return (
    <div className="notice tone-bad generation-model-problem" role="alert" data-testid="generation-model-error">
      <div>
        <p>{modelProblemText(message)}</p>
        <p className="muted">Type a model above for this run, or set the dataset's generation model in its settings.</p>
      </div>
      <button type="button" className="button button-small" onClick={openSettings}>
        Open settings
      </button>
    </div>
  );
}
