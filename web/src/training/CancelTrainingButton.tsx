// Cancel training, after asking: the backend's job is cancelled, a launched command stopped. Only
// for the roles that may change training.
import { useState } from "react";
import { api } from "../api/session";
import type { TrainingRun } from "../api/trainingTypes";
import { useRefreshTraining } from "../api/trainingQueries";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { IfAllowed } from "../auth/IfAllowed";

export function CancelTrainingButton({ run }: { run: TrainingRun }) {
  const [asking, setAsking] = useState(false);
  const refreshTraining = useRefreshTraining();
  return (
    <IfAllowed to="training">
      <button type="button" className="button button-danger-ghost" onClick={() => setAsking(true)}>
        ■ Cancel training
      </button>
      {asking && (
        <ConfirmDialog
          title={`Cancel training run #${run.id}?`}
          confirmLabel="Cancel training"
          cancelLabel="Keep training"
          danger
          onClose={() => setAsking(false)}
          onConfirm={async () => {
            await api.cancelTrainingRun(run.id);
            await refreshTraining(run.dataset_id, run.id);
          }}
        >
          <p>
            {run.backend === "openai"
              ? "Reinforge asks the provider to cancel the fine-tuning job. No model comes out of a cancelled job."
              : run.command
                ? "Reinforge stops your trainer command (SIGTERM, then SIGKILL after 10 s) and ends the run. No model comes out of it."
                : "The run ends as cancelled; your trainer's later reports are no longer taken. Stop the trainer itself on its machine."}
          </p>
        </ConfirmDialog>
      )}
    </IfAllowed>
  );
}
