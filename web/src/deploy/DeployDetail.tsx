// Step 7's detail: the latest succeeded run's model with its improvement over the base model
// (the latest benchmark), the benchmark, the playground, the form that deploys the model through
// the gateway, and the dataset's deployments, active with their arms' figures, then ended.
import { useRef, useState } from "react";
import { useBenchmarks } from "../api/benchmarksQueries";
import { useActiveDeployments } from "../api/deploymentsQueries";
import type { Deployment } from "../api/deploymentsTypes";
import { useTrainingRuns } from "../api/trainingQueries";
import type { Dataset, StepName } from "../api/types";
import { BenchmarkSection } from "../benchmark/BenchmarkSection";
import { PlaygroundOverlay } from "../playground/PlaygroundOverlay";
import { ErrorState, LoadingState } from "../ui/States";
import { IfAllowed } from "../auth/IfAllowed";
import { ReadOnlyNote } from "../auth/ReadOnlyNote";
import { ActiveDeployment } from "./ActiveDeployment";
import { DeployModelSummary } from "./DeployModelSummary";
import { latestTunedRun } from "./deployForm";
import { EndedDeployments } from "./EndedDeployments";
import { NewDeploymentForm } from "./NewDeploymentForm";
import "../styles/grading.css";
import "../styles/deploy.css";

export function DeployDetail({ dataset, selectStep }: { dataset: Dataset; selectStep: (step: StepName) => void }) {
  const train = dataset.steps.find((candidate) => candidate.step === "train");
  const runs = useTrainingRuns(dataset.id, `${train?.status}:${train?.headline}`);
  const deployments = useActiveDeployments(dataset.id);
  const benchmarks = useBenchmarks(dataset.id);
  const [deployed, setDeployed] = useState<Deployment | null>(null);
  const [benchmarkFormOpen, setBenchmarkFormOpen] = useState(false);
  const [playgroundOpen, setPlaygroundOpen] = useState(false);
  const benchmarkRef = useRef<HTMLDivElement>(null);

  if (runs.isPending) return <LoadingState label="Loading the training runs…" />;
  if (runs.isError) return <ErrorState error={runs.error} onRetry={() => runs.refetch()} title="The training runs could not be loaded" />;

  const run = latestTunedRun(runs.data.items);
  const benchmarked = benchmarks.data?.items.find((benchmark) => benchmark.report !== null);
  // The tuned model's provider as the dataset deploys it, so the playground reaches it the same way.
  const deployedProvider = deployments.data?.find((deployment) => deployment.tuned_model === run?.fine_tuned_model)?.provider ?? "";
  const openBenchmarkForm = () => {
    setBenchmarkFormOpen(true);
    benchmarkRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  };

  return (
    <>
      {run ? (
        <DeployModelSummary run={run} benchmark={benchmarked} onBenchmark={openBenchmarkForm} onPlayground={() => setPlaygroundOpen(true)} />
      ) : (
        <p className="muted detail-note" data-testid="deploy-source">
          No training run of this dataset has succeeded with a model yet.{" "}
          <button type="button" className="link-button" onClick={() => selectStep("train")}>
            Train one (step 6)
          </button>{" "}
          or name a model tuned elsewhere below.
        </p>
      )}
      <div ref={benchmarkRef}>
        <BenchmarkSection datasetId={dataset.id} run={run} formOpen={benchmarkFormOpen} onFormOpenChange={setBenchmarkFormOpen} />
      </div>
      <section className="deploy-section" aria-label="Deploy">
        <h3>Deploy</h3>
        <IfAllowed to="deployments" otherwise={<ReadOnlyNote what="deployments" lead="Deploying is for admins." />}>
          <NewDeploymentForm key={run?.id ?? "none"} datasetId={dataset.id} run={run} onDeployed={setDeployed} />
        </IfAllowed>
      </section>
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
      <section className="deployments-section" aria-label="Ended deployments">
        <h3>Ended deployments</h3>
        <EndedDeployments datasetId={dataset.id} empty="No deployment of this dataset has ended yet." />
      </section>
      {playgroundOpen && (
        <PlaygroundOverlay
          datasetId={dataset.id}
          models={{ baseModel: run?.base_model ?? "", tunedModel: run?.fine_tuned_model ?? "", tunedProvider: deployedProvider }}
          onClose={() => setPlaygroundOpen(false)}
        />
      )}
    </>
  );
}
