// The Gateway page's Deployments tab: every active deployment, whatever its dataset, with its
// arms' figures, online comparison and chart over time, rollback and promotion as on step 7;
// then the ones that ended, with their history.
import { Link } from "react-router";
import { useActiveDeployments } from "../api/deploymentsQueries";
import type { Deployment } from "../api/deploymentsTypes";
import { useDatasets } from "../api/queries";
import { ActiveDeployment } from "../deploy/ActiveDeployment";
import { DeploymentTimeline } from "../deploy/DeploymentTimeline";
import { EndedDeployments } from "../deploy/EndedDeployments";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import "../styles/grading.css";
import "../styles/deploy.css";

/** "from <dataset>", linking to its canvas, for a deployment made from a dataset. */
function useDatasetLink() {
  const datasets = useDatasets();
  const names = new Map((datasets.data?.items ?? []).map((dataset) => [dataset.id, dataset.name]));
  return (deployment: Deployment) =>
    deployment.dataset_id === null ? null : (
      <span className="muted deployment-dataset">
        from <Link to={`/optimization/${deployment.dataset_id}`}>{names.get(deployment.dataset_id) ?? `dataset #${deployment.dataset_id}`}</Link>
        {deployment.run_id !== null && <> · run #{deployment.run_id}</>}
      </span>
    );
}

export function DeploymentsPanel() {
  const active = useActiveDeployments();
  const datasetLink = useDatasetLink();
  return (
    <div className="gateway-deployments" data-testid="gateway-deployments">
      <section aria-label="Active deployments">
        <h2 className="section-title">
          Active {active.data && <span className="count-pill">{active.data.length}</span>}
        </h2>
        {active.isPending ? (
          <LoadingState label="Loading the deployments…" />
        ) : active.isError ? (
          <ErrorState error={active.error} onRetry={() => active.refetch()} title="The deployments could not be loaded" />
        ) : active.data.length === 0 ? (
          <EmptyState title="No active deployment">The gateway serves its configured models as they are. Deploy a tuned model from a dataset's step 7.</EmptyState>
        ) : (
          active.data.map((deployment) => (
            <ActiveDeployment key={deployment.id} deployment={deployment} context={datasetLink(deployment)}>
              <DeploymentTimeline deployment={deployment} />
            </ActiveDeployment>
          ))
        )}
      </section>
      <section aria-label="Ended deployments">
        <h2 className="section-title">Ended</h2>
        <EndedDeployments empty="No deployment has ended yet." context={datasetLink} />
      </section>
    </div>
  );
}
