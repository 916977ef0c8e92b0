// TanStack Query hooks for topics (step 2) and coverage (step 3). Keys sit under
// ["dataset", id], so refreshing a dataset (useRefreshDataset) refreshes these too.
import { useQuery } from "@tanstack/react-query";
import { api } from "./session";

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
