// TanStack Query hooks for benchmarks (step 7): a dataset's benchmarks, polled while one runs so
// its report appears when the job ends, and a page of a benchmark's samples side by side.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BenchmarkSampleQuery } from "./benchmarksTypes";
import { isBenchmarkRunning } from "./liveness";
import { api } from "./session";

export const BENCHMARK_SAMPLES_PAGE_SIZE = 20;
const BENCHMARKS_POLL_MS = 2000;

// Under ["dataset", id] so that useRefreshDataset (queries.ts) refreshes them too.
export const benchmarkKeys = {
  ofDataset: (datasetId: number) => ["dataset", datasetId, "benchmarks"] as const,
  samples: (benchmarkId: number, query: BenchmarkSampleQuery, offset: number) => ["benchmark", benchmarkId, "samples", query, offset] as const,
};

/** Newest first. */
export function useBenchmarks(datasetId: number) {
  return useQuery({
    queryKey: benchmarkKeys.ofDataset(datasetId),
    queryFn: () => api.listBenchmarks({ datasetId }),
    refetchInterval: (query) => (query.state.data?.items.some(isBenchmarkRunning) ? BENCHMARKS_POLL_MS : false),
  });
}

export function useBenchmarkSamples(benchmarkId: number, query: BenchmarkSampleQuery, offset: number) {
  return useQuery({
    queryKey: benchmarkKeys.samples(benchmarkId, query, offset),
    queryFn: () => api.listBenchmarkSamples(benchmarkId, query, offset, BENCHMARK_SAMPLES_PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
}

/** After a benchmark starts or its job ends. */
export function useRefreshBenchmarks() {
  const queryClient = useQueryClient();
  return (datasetId: number) => queryClient.invalidateQueries({ queryKey: benchmarkKeys.ofDataset(datasetId) });
}
