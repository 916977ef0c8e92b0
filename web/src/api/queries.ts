// Server state for the components: TanStack Query hooks over the API client. Components call
// these hooks, never fetch.
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./session";
import { nextCursor } from "./cursorPages";
import { isBusy, isJobFinished, isSearchCatchingUp } from "./liveness";
import type { DatasetSummary, RecordQuery } from "./types";

export { isJobFinished } from "./liveness";

export const RECORDS_PAGE_SIZE = 200;
const LIVE_POLL_MS = 1000;
const SEARCH_CATCH_UP_POLL_MS = 2000;

export const queryKeys = {
  datasets: ["datasets"] as const,
  dataset: (id: number) => ["dataset", id] as const,
  records: (id: number, query: RecordQuery) => ["dataset", id, "records", query] as const,
  recordsOf: (id: number) => ["dataset", id, "records"] as const,
  record: (id: number, recordId: number) => ["dataset", id, "record", recordId] as const,
  invalidSample: (id: number) => ["dataset", id, "invalid-sample"] as const,
  job: (jobId: number) => ["job", jobId] as const,
};

export function useDatasets() {
  return useQuery({
    queryKey: queryKeys.datasets,
    queryFn: api.listDatasets,
    refetchInterval: (query) => (query.state.data?.items.some(isBusy) ? LIVE_POLL_MS : false),
  });
}

export function useDataset(id: number) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.dataset(id),
    queryFn: async () => {
      const previous = queryClient.getQueryData<DatasetSummary>(queryKeys.dataset(id));
      const dataset = await api.getDataset(id);
      // When a job finishes, the records it wrote make every cached page stale.
      if (previous && previous.revision !== dataset.revision) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.recordsOf(id) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.invalidSample(id) });
      }
      return dataset;
    },
    refetchInterval: (query) => (isBusy(query.state.data) ? LIVE_POLL_MS : false),
  });
}

export function useJob(jobId: number | null) {
  return useQuery({
    queryKey: queryKeys.job(jobId ?? 0),
    queryFn: () => api.getJob(jobId ?? 0),
    enabled: jobId !== null,
    refetchInterval: (query) => (isJobFinished(query.state.data) ? false : LIVE_POLL_MS),
  });
}

export function useRecordPages(id: number, query: RecordQuery) {
  return useInfiniteQuery({
    queryKey: queryKeys.records(id, query),
    queryFn: ({ pageParam }) => api.listRecords(id, query, pageParam, RECORDS_PAGE_SIZE),
    initialPageParam: null as string | null,
    getNextPageParam: nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: (current) => (isSearchCatchingUp(current.state.data) ? SEARCH_CATCH_UP_POLL_MS : false),
  });
}

export function useRecord(id: number, recordId: number) {
  return useQuery({
    queryKey: queryKeys.record(id, recordId),
    queryFn: () => api.getRecord(id, recordId),
    staleTime: 0,
  });
}

/** Everything that shows a dataset's records or figures, refreshed after an edit or delete. */
export function useRefreshDataset() {
  const queryClient = useQueryClient();
  return (id: number) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["dataset", id] }),
      queryClient.invalidateQueries({ queryKey: queryKeys.datasets }),
    ]);
}

export function useDatasetJobs(id: number) {
  return useQuery({ queryKey: ["dataset", id, "jobs"], queryFn: () => api.listJobs(id) });
}
