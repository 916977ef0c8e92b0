// TanStack Query hooks for deployments (step 7): the dataset's active deployments and each one's
// arms, polled every 3 s so the figures move as the gateway serves calls.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./session";

export const DEPLOYMENTS_POLL_MS = 3000;

export const deploymentKeys = {
  all: ["deployments"] as const,
  active: ["deployments", "active"] as const,
  one: (id: number) => ["deployments", "one", id] as const,
};

/**
 * The active deployments made from this dataset, newest first. The server lists the whole
 * gateway's; the dataset's are those that name it.
 */
export function useActiveDeployments(datasetId: number) {
  return useQuery({
    queryKey: deploymentKeys.active,
    queryFn: () => api.listDeployments("active"),
    select: (page) => page.items.filter((deployment) => deployment.dataset_id === datasetId),
    refetchInterval: DEPLOYMENTS_POLL_MS,
  });
}

/** One deployment with its arms' figures. */
export function useDeployment(id: number) {
  return useQuery({
    queryKey: deploymentKeys.one(id),
    queryFn: () => api.getDeployment(id),
    refetchInterval: DEPLOYMENTS_POLL_MS,
  });
}

/** After a deploy, a rollback or a promotion. */
export function useRefreshDeployments() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: deploymentKeys.all });
}
