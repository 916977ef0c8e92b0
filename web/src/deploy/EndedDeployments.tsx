// Deployments that ended, newest first, each with its models and its history (a guard's
// rollback with its reason): one dataset's on step 7, the whole gateway's on the Gateway page.
import type { ReactNode } from "react";
import { useEndedDeployments } from "../api/deploymentsQueries";
import type { Deployment } from "../api/deploymentsTypes";
import { formatRelativeTime } from "../format/time";
import { ErrorState, LoadingState } from "../ui/States";
import { DeploymentHistory } from "./DeploymentHistory";
import { formatShare, MODE_LABEL } from "./deployDisplay";
import { guardRollbackReason } from "./onlineScoreDisplay";

interface EndedDeploymentsProps {
  /** Only this dataset's; every one when absent. */
  datasetId?: number;
  /** What to say when there is none. */
  empty: ReactNode;
  /** Beside a deployment's title: where it came from. */
  context?: (deployment: Deployment) => ReactNode;
}

export function EndedDeployments({ datasetId, empty, context }: EndedDeploymentsProps) {
  const ended = useEndedDeployments(datasetId);
  if (ended.isPending) return <LoadingState label="Loading the ended deployments…" />;
  if (ended.isError) return <ErrorState error={ended.error} onRetry={() => ended.refetch()} title="The ended deployments could not be loaded" />;
  if (ended.data.length === 0) return <p className="muted detail-note">{empty}</p>;
  return (
    <ol className="ended-deployments" data-testid="ended-deployments">
      {ended.data.map((deployment) => (
        <li key={deployment.id} className="ended-deployment" data-testid="ended-deployment" data-deployment={deployment.id} data-guard={guardRollbackReason(deployment.history) !== null}>
          <div className="ended-deployment-head">
            <strong>
              #{deployment.id} · {MODE_LABEL[deployment.mode]}
              {deployment.mode === "ab" && deployment.share !== null && ` · ${formatShare(deployment.share)} tuned`}
            </strong>
            <span className="deployment-models-inline">
              <code>{deployment.base_model}</code> → <code>{deployment.tuned_model}</code>
            </span>
            {/* A replacement and an A/B test answered to the base model, shown above; an endpoint to a name of its own. */}
            {deployment.mode === "endpoint" && deployment.endpoint && (
              <span className="muted" data-testid="ended-deployment-callers">
                callers asked for <code>{deployment.endpoint}</code>
              </span>
            )}
            {context?.(deployment)}
            <span className="spacer" />
            {deployment.ended_at && (
              <span className="muted" title={deployment.ended_at}>
                ended {formatRelativeTime(deployment.ended_at)}
              </span>
            )}
          </div>
          <DeploymentHistory history={deployment.history} />
        </li>
      ))}
    </ol>
  );
}
