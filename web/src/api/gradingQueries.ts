// TanStack Query hooks for the grader (step 4) and the dry run (step 5).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "./session";
import type { DryRunSampleQuery } from "./gradingTypes";

export const DRY_RUN_SAMPLES_PAGE_SIZE = 50;

// Under ["dataset", id] so that useRefreshDataset (queries.ts) refreshes these too.
export const gradingKeys = {
  grader: (id: number) => ["dataset", id, "grader"] as const,
  dryRun: (id: number) => ["dataset", id, "dry-run"] as const,
  dryRunSamples: (id: number, query: DryRunSampleQuery, offset: number) => ["dataset", id, "dry-run", "samples", query, offset] as const,
  dryRunSample: (id: number, index: number) => ["dataset", id, "dry-run", "sample", index] as const,
};

export function useGrader(id: number) {
  return useQuery({ queryKey: gradingKeys.grader(id), queryFn: () => api.getGrader(id) });
}

/**
 * The last finished dry run (null before the first). `stepState` is step 5's status and headline
 * from the dataset: when a run ends they change, so the run is fetched again even when the job
 * finished before anyone watched it. `mayHaveRun` false (the step is waiting or ready: no run was
 * saved) answers null without asking, so a new dataset's page logs no 404.
 */
export function useDryRun(id: number, stepState: string, mayHaveRun: boolean) {
  return useQuery({
    queryKey: [...gradingKeys.dryRun(id), stepState],
    queryFn: () => (mayHaveRun ? api.getDryRun(id) : Promise.resolve(null)),
    placeholderData: keepPreviousData,
  });
}

export function useDryRunSamples(id: number, query: DryRunSampleQuery, offset: number) {
  return useQuery({
    queryKey: gradingKeys.dryRunSamples(id, query, offset),
    queryFn: () => api.listDryRunSamples(id, query, offset, DRY_RUN_SAMPLES_PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
}

export function useDryRunSample(id: number, index: number) {
  return useQuery({ queryKey: gradingKeys.dryRunSample(id, index), queryFn: () => api.getDryRunSample(id, index) });
}
