// TanStack Query hooks for step 3's generation: a dataset's runs (polled while one runs, so its
// summary appears when the job ends), the plan and estimate for the form, a page of a run's records.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { GeneratedRecordStatus, GenerationRequest } from "./generationTypes";
import { isGenerationRunning } from "./liveness";
import { api } from "./session";

export const GENERATED_RECORDS_PAGE_SIZE = 20;
const RUNS_POLL_MS = 1000;

// Runs and plans under ["dataset", id] so that useRefreshDataset (queries.ts) refreshes them too.
export const generationKeys = {
  runs: (datasetId: number) => ["dataset", datasetId, "generation-runs"] as const,
  plan: (datasetId: number, request: GenerationRequest | null) => ["dataset", datasetId, "generation-plan", request] as const,
  recordsOf: (runId: number) => ["generation-run", runId, "records"] as const,
  records: (runId: number, status: GeneratedRecordStatus, offset: number) => ["generation-run", runId, "records", status, offset] as const,
};

/** Newest first. */
export function useGenerationRuns(datasetId: number) {
  return useQuery({
    queryKey: generationKeys.runs(datasetId),
    queryFn: () => api.listGenerationRuns(datasetId),
    refetchInterval: (query) => (query.state.data?.items.some(isGenerationRunning) ? RUNS_POLL_MS : false),
  });
}

/** The plan for `request` (null: none asked yet); the previous one stays shown while the next loads. */
export function useGenerationPlan(datasetId: number, request: GenerationRequest | null) {
  return useQuery({
    queryKey: generationKeys.plan(datasetId, request),
    queryFn: ({ signal }) => api.planGeneration(datasetId, request ?? {}, signal),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useGeneratedRecords(runId: number, status: GeneratedRecordStatus, offset: number) {
  return useQuery({
    queryKey: generationKeys.records(runId, status, offset),
    queryFn: () => api.listGeneratedRecords(runId, status, offset, GENERATED_RECORDS_PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
}

/** After a run starts, ends or is reviewed: its records, the runs' counts. */
export function useRefreshGeneration() {
  const queryClient = useQueryClient();
  return (datasetId: number, runId?: number) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: generationKeys.runs(datasetId) }),
      runId === undefined ? undefined : queryClient.invalidateQueries({ queryKey: generationKeys.recordsOf(runId) }),
    ]);
}

/** After a run is deleted: its cached records go, as the server may give a later run the same id. */
export function useForgetGenerationRun() {
  const queryClient = useQueryClient();
  return (runId: number) => queryClient.removeQueries({ queryKey: generationKeys.recordsOf(runId) });
}
