// TanStack Query hooks for topics (step 2) and coverage (step 3). Keys sit under
// ["dataset", id], so refreshing a dataset (useRefreshDataset) refreshes these too.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api } from "./session";
import type { DatasetSummary } from "./types";

export const topicsKeys = {
  topics: (id: number) => ["dataset", id, "topics"] as const,
  coverage: (id: number) => ["dataset", id, "coverage"] as const,
  templates: ["topic-templates"] as const,
};

export function useTopics(id: number) {
  return useQuery({ queryKey: topicsKeys.topics(id), queryFn: () => api.getTopics(id) });
}

export function useCoverage(id: number) {
  return useQuery({ queryKey: topicsKeys.coverage(id), queryFn: () => api.getCoverage(id) });
}

export function useTopicTemplates(enabled = true) {
  // Compiled into the server: they do not change while the page is open.
  return useQuery({ queryKey: topicsKeys.templates, queryFn: api.listTopicTemplates, staleTime: Infinity, enabled });
}

/**
 * Topic assignments do not change the dataset's revision, so the topics and coverage are
 * refreshed whenever the server's account of the dataset moves: a job starts or ends, or a
 * step's status or headline changes (a categorization that finished between two polls too).
 */
export function useTopicsFreshness(dataset: Pick<DatasetSummary, "id" | "steps" | "active_job">) {
  const queryClient = useQueryClient();
  const stamp = `${dataset.active_job?.id ?? "-"}|${dataset.steps.map((step) => `${step.status}:${step.headline}`).join("|")}`;
  const previous = useRef(stamp);
  useEffect(() => {
    if (previous.current === stamp) return;
    previous.current = stamp;
    void queryClient.invalidateQueries({ queryKey: topicsKeys.topics(dataset.id) });
    void queryClient.invalidateQueries({ queryKey: topicsKeys.coverage(dataset.id) });
  }, [stamp, dataset.id, queryClient]);
}
