// A deployment's chart over time (GET …/timeline), its buckets sized to its age, refreshed every 5 s.
import { useDeploymentTimeline } from "../api/deploymentsQueries";
import type { Deployment } from "../api/deploymentsTypes";
import { ErrorState, LoadingState } from "../ui/States";
import { DeploymentTimelineChart } from "./DeploymentTimelineChart";
import { timelineBucketSeconds, timelineSeries } from "./timelineSeries";

export function DeploymentTimeline({ deployment }: { deployment: Deployment }) {
  const timeline = useDeploymentTimeline(deployment.id, timelineBucketSeconds(deployment.created_at, Date.now()));
  if (timeline.isPending) return <LoadingState label="Loading the timeline…" />;
  if (timeline.isError) return <ErrorState error={timeline.error} onRetry={() => timeline.refetch()} title="The timeline could not be loaded" />;
  if (timeline.data.points.length === 0) return <p className="muted detail-note timeline-empty-note">No call served yet: the chart fills as the gateway serves calls.</p>;
  return <DeploymentTimelineChart series={timelineSeries(timeline.data, { from: Date.parse(deployment.created_at), to: Date.now() })} />;
}
