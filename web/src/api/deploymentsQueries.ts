// TanStack Query hooks for deployments (step 7 and the Gateway page): the active deployments and
// each one's arms, polled every 3 s so the figures move as the gateway serves calls; the ended
// ones with their history; a deployment's timeline for its chart.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Deployment } from "./deploymentsTypes";
import { queryKeys } from "./queries";
import { api } from "./session";

export const DEPLOYMENTS_POLL_MS = 3000;
const TIMELINE_POLL_MS = 5000;

export const deploymentKeys = {
  all: ["deployments"] as const,
  active: ["deployments", "active"] as const,
  list: ["deployments", "list"] as const,
  one: (id: number) => ["deployments", "one", id] as const,
  timeline: (id: number, bucketSeconds: number) => ["deployments", "timeline", id, bucketSeconds] as const,
};

/** The deployments made from this dataset, or every one when no dataset is given. */
const ofDataset = (datasetId: number | undefined) => (page: { items: Deployment[] }) =>
  datasetId === undefined ? page.items : page.items.filter((deployment) => deployment.dataset_id === datasetId);

/**
 * The active deployments, newest first: the whole gateway's, or those made from one dataset (the
 * server lists the gateway's; a dataset's are those that name it).
 */
export function useActiveDeployments(datasetId?: number) {
  return useQuery({
    queryKey: deploymentKeys.active,
    queryFn: () => api.listDeployments("active"),
    select: ofDataset(datasetId),
    refetchInterval: DEPLOYMENTS_POLL_MS,
  });
}

/** Deployments that ended (rolled back, by a person or the guard), newest first, with their history. */
export function useEndedDeployments(datasetId?: number) {
  return useQuery({
    queryKey: deploymentKeys.list,
    queryFn: () => api.listDeployments(),
    select: (page: { items: Deployment[] }) => ofDataset(datasetId)(page).filter((deployment) => deployment.state !== "active"),
    refetchInterval: DEPLOYMENTS_POLL_MS,
  });
}

/** One deployment with its arms' figures, online scores and comparison. */
export function useDeployment(id: number) {
  return useQuery({
    queryKey: deploymentKeys.one(id),
    queryFn: () => api.getDeployment(id),
    refetchInterval: DEPLOYMENTS_POLL_MS,
  });
}

/** Calls and online scores per arm per bucket; `bucketSeconds` grows with the deployment's age. */
export function useDeploymentTimeline(id: number, bucketSeconds: number) {
  return useQuery({
    queryKey: deploymentKeys.timeline(id, bucketSeconds),
    queryFn: () => api.getDeploymentTimeline(id, bucketSeconds),
    placeholderData: keepPreviousData,
    refetchInterval: TIMELINE_POLL_MS,
  });
}

/**
 * After a deploy, a rollback, a promotion or a change of settings: the deployments, and each
 * dataset's summary (step 7 is complete while one of its deployments is active), not the pages
 * under it.
 */
export function useRefreshDeployments() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: deploymentKeys.all }),
      queryClient.invalidateQueries({ queryKey: queryKeys.datasets }),
      queryClient.invalidateQueries({ queryKey: ["dataset"], predicate: (query) => query.queryKey.length === 2 }),
    ]);
}
