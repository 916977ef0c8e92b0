// TanStack Query hooks for training (step 6): a dataset's runs, one run, its metric and event
// feeds (polled every 2 s while the run is active, each poll asking only for what is new) and
// the start dialog's preflight.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { isTrainingActive } from "./liveness";
import { useRefreshDataset } from "./queries";
import { readFeedAfter, type FeedPage } from "./seqFeed";
import { api } from "./session";
import type { TrainingEvent, TrainingMetricPoint, TrainingStartRequest } from "./trainingTypes";

export const TRAINING_POLL_MS = 2000;
const METRICS_PAGE = 1000;
const EVENTS_PAGE = 500;

// The dataset's runs and preflight sit under ["dataset", id], so useRefreshDataset refreshes them.
export const trainingKeys = {
  ofDataset: (id: number) => ["dataset", id, "training"] as const,
  runs: (id: number) => ["dataset", id, "training", "runs"] as const,
  preflight: (id: number, request: TrainingStartRequest | null) => ["dataset", id, "training", "preflight", request] as const,
  run: (runId: number) => ["training-run", runId] as const,
  metrics: (runId: number) => ["training-run", runId, "metrics"] as const,
  events: (runId: number) => ["training-run", runId, "events"] as const,
};

/**
 * Newest first. Polled while a run is active; `stepState` (step 6's status and headline) in the
 * key fetches them again when the server's account of the step moves, a run started elsewhere too.
 */
export function useTrainingRuns(datasetId: number, stepState: string) {
  return useQuery({
    queryKey: [...trainingKeys.runs(datasetId), stepState],
    queryFn: () => api.listTrainingRuns(datasetId),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(isTrainingActive) ? TRAINING_POLL_MS : false),
  });
}

export function useTrainingRun(runId: number) {
  return useQuery({
    queryKey: trainingKeys.run(runId),
    queryFn: () => api.getTrainingRun(runId),
    refetchInterval: (query) => (isTrainingActive(query.state.data) ? TRAINING_POLL_MS : false),
  });
}

/** What starting would do for this request; null while the form is not complete. */
export function useTrainingPreflight(datasetId: number, request: TrainingStartRequest | null) {
  return useQuery({
    queryKey: trainingKeys.preflight(datasetId, request),
    queryFn: () => api.preflightTraining(datasetId, request!),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/**
 * An append-only feed: each fetch asks for what came after the last item held, polled while
 * `live`; when it stops being live, one last fetch brings what arrived at the end.
 */
function useFeed<T extends { seq: number }>(key: readonly unknown[], fetchAfter: (after: number) => Promise<FeedPage<T>>, pageSize: number, live: boolean) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: key,
    queryFn: () => readFeedAfter(queryClient.getQueryData<T[]>(key) ?? [], fetchAfter, pageSize),
    refetchInterval: live ? TRAINING_POLL_MS : false,
  });
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) void queryClient.invalidateQueries({ queryKey: key, exact: true });
    wasLive.current = live;
  }, [live, key, queryClient]);
  return query;
}

export function useTrainingMetrics(runId: number, live: boolean) {
  return useFeed<TrainingMetricPoint>(trainingKeys.metrics(runId), (after) => api.listTrainingMetrics(runId, after), METRICS_PAGE, live);
}

export function useTrainingEvents(runId: number, live: boolean) {
  return useFeed<TrainingEvent>(trainingKeys.events(runId), (after) => api.listTrainingEvents(runId, after, EVENTS_PAGE), EVENTS_PAGE, live);
}

/** After a start or a cancel: the dataset (its steps and runs) and the run. */
export function useRefreshTraining() {
  const queryClient = useQueryClient();
  const refreshDataset = useRefreshDataset();
  return (datasetId: number, runId?: number) =>
    Promise.all([refreshDataset(datasetId), runId === undefined ? null : queryClient.invalidateQueries({ queryKey: trainingKeys.run(runId), exact: true })]);
}
