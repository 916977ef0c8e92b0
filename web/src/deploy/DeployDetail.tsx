// Step 7's detail: the latest succeeded run's model, the form that deploys it through the
// gateway, and the dataset's active deployments with their arms' figures.
import { useState } from "react";
import { useActiveDeployments } from "../api/deploymentsQueries";
import type { Deployment } from "../api/deploymentsTypes";
import { useTrainingRuns } from "../api/trainingQueries";
import type { Dataset, StepName } from "../api/types";
import { ErrorState, LoadingState } from "../ui/States";
import { ActiveDeployment } from "./ActiveDeployment";
import { latestTunedRun } from "./deployForm";
import { NewDeploymentForm } from "./NewDeploymentForm";
import "../styles/grading.css";
import "../styles/deploy.css";

export function DeployDetail({ dataset, selectStep }: { dataset: Dataset; selectStep: (step: StepName) => void }) {
  const train = dataset.steps.find((candidate) => candidate.step === "train");
  const runs = useTrainingRuns(dataset.id, `${train?.status}:${train?.headline}`);
  const deployments = useActiveDeployments(dataset.id);
  const [deployed, setDeployed] = useState<Deployment | null>(null);

  if (runs.isPending) return <LoadingState label="Loading the training runs…" />;
  if (runs.isError) return <ErrorState error={runs.error} onRetry={() => runs.refetch()} title="The training runs could not be loaded" />;

  const run = latestTunedRun(runs.data.items);
  return (
    <>
      {run ? (
        <p className="detail-note" data-testid="deploy-source">
          Deploying the model of run #{run.id}, the latest that succeeded: <code>{run.fine_tuned_model}</code> from <code>{run.base_model}</code>.
        </p>
      ) : (
        <p className="muted detail-note" data-testid="deploy-source">
          No training run of this dataset has succeeded with a model yet.{" "}
          <button type="button" className="link-button" onClick={() => selectStep("train")}>
            Train one (step 6)
          </button>{" "}
          or name a model tuned elsewhere below.
        </p>
      )}
      <NewDeploymentForm key={run?.id ?? "none"} datasetId={dataset.id} run={run} onDeployed={setDeployed} />
      {deployed && deployments.data?.some((deployment) => deployment.id === deployed.id) && (
        <p className="notice tone-good" role="status" data-testid="deploy-done">
          Deployment #{deployed.id} is active; the gateway applies it within a second.
        </p>
      )}
      <section className="deployments-section" aria-label="Active deployments">
        <h3>
          Active deployments {deployments.data && <span className="count-pill">{deployments.data.length}</span>}
        </h3>
        {deployments.isPending ? (
          <LoadingState label="Loading the deployments…" />
        ) : deployments.isError ? (
          <ErrorState error={deployments.error} onRetry={() => deployments.refetch()} title="The deployments could not be loaded" />
        ) : deployments.data.length === 0 ? (
          <p className="muted detail-note">None from this dataset: the gateway serves its configured models as they are.</p>
        ) : (
          deployments.data.map((deployment) => <ActiveDeployment key={deployment.id} deployment={deployment} />)
        )}
      </section>
      <p className="muted detail-note" data-testid="deploy-coming">
        Coming later: a benchmark of base against tuned on the validation split, a playground, and online scores per arm with confidence intervals.
      </p>
    </>
  );
}
