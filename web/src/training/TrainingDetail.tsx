// Step 6's detail: the latest run (state, progress, rewards, its model and the way on to step 7),
// every run of the dataset, Start training, and the training view of a run.
import { useState } from "react";
import { isTrainingActive } from "../api/liveness";
import { useTrainingRuns } from "../api/trainingQueries";
import type { Dataset, StepName } from "../api/types";
import { ErrorState, LoadingState } from "../ui/States";
import { IfAllowed } from "../auth/IfAllowed";
import { CancelTrainingButton } from "./CancelTrainingButton";
import { StartTrainingDialog } from "./StartTrainingDialog";
import { TrainingOverlay } from "./TrainingOverlay";
import { TrainingRunsTable } from "./TrainingRunsTable";
import { TrainingRunSummary } from "./TrainingRunSummary";
import "../styles/grading.css";
import "../styles/training.css";

export function TrainingDetail({ dataset, selectStep }: { dataset: Dataset; selectStep: (step: StepName) => void }) {
  const step = dataset.steps.find((candidate) => candidate.step === "train");
  const runs = useTrainingRuns(dataset.id, `${step?.status}:${step?.headline}`);
  const [starting, setStarting] = useState(false);
  const [openRun, setOpenRun] = useState<number | null>(null);

  if (runs.isPending) return <LoadingState label="Loading the training runs…" />;
  if (runs.isError) return <ErrorState error={runs.error} onRetry={() => runs.refetch()} title="The training runs could not be loaded" />;

  const items = runs.data.items;
  const latest = items[0];
  const deploy = () => {
    setOpenRun(null);
    selectStep("deploy");
  };
  const openStarted = (runId: number) => {
    setStarting(false);
    setOpenRun(runId);
  };

  return (
    <>
      {latest ? (
        <TrainingRunSummary run={latest} onDeploy={deploy} />
      ) : (
        <p className="muted detail-note">
          No training run yet. Start one on OpenAI's reinforcement fine-tuning or on your own trainer: the valid records are split 90/10 by topic, and the
          grader scores every sample as in the dry run.
        </p>
      )}
      <div className="detail-actions">
        {latest && (
          <button type="button" className={isTrainingActive(latest) ? "button button-primary" : "button"} onClick={() => setOpenRun(latest.id)}>
            Open training view
          </button>
        )}
        {latest && isTrainingActive(latest) && <CancelTrainingButton run={latest} />}
        <IfAllowed to="training">
          <button type="button" className={latest ? "button" : "button button-primary"} onClick={() => setStarting(true)}>
            ▶ Start training…
          </button>
        </IfAllowed>
      </div>
      {items.length > 0 && (
        <section className="training-runs-section">
          <h3>
            Runs <span className="count-pill">{items.length}</span>
          </h3>
          <TrainingRunsTable runs={items} onOpen={setOpenRun} />
        </section>
      )}
      {starting && <StartTrainingDialog datasetId={dataset.id} onClose={() => setStarting(false)} onOpenRun={openStarted} />}
      {openRun !== null && <TrainingOverlay runId={openRun} onClose={() => setOpenRun(null)} onDeploy={deploy} />}
    </>
  );
}
