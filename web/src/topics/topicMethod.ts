// Says in words how the topics were found and the records assigned, from the server's `method`
// (docs/api.md): which embeddings and names were used, and why a configured model was not.
import type { TopicHierarchy, TopicJobMethod } from "../api/topicsTypes";

export interface TopicMethodSummary {
  /** E.g. "embeddings from text-embedding-3-small · names by gpt-4o-mini". */
  text: string;
  /** The reasons a configured model fell back to the offline method, when it did. */
  fallbacks: string[];
  /** What the offline embeddings are, when they were used (a tooltip); null otherwise. */
  explanation: string | null;
}

const OFFLINE_EXPLANATION =
  "Offline embeddings: the records' own words and word pieces (TF-IDF reduced by SVD) joined with GloVe word vectors built into Reinforge, so requests worded differently but meaning alike land together. No provider is called.";

function embeddingsText(method: TopicJobMethod): string {
  return method.embeddings === "provider" ? `embeddings from ${method.embedding_model ?? "the provider"}` : "offline embeddings";
}

function labelsText(method: TopicJobMethod): string | null {
  if (method.labels === "llm") return `names by ${method.labeling_model ?? "the LLM"}`;
  if (method.labels === "lexical") return "keyword names";
  return null;
}

/** Null when no topic job ran on the hierarchy (a template, a manual one, or an upload). */
export function summarizeTopicMethod(method: TopicHierarchy["method"]): TopicMethodSummary | null {
  const discovery = method?.discovery;
  const categorization = method?.categorization;
  // The latest assignment is what records carry now; discovery names the topics.
  const assigning = categorization ?? discovery;
  if (!assigning) return null;
  const parts = [embeddingsText(assigning)];
  const names = discovery ? labelsText(discovery) : null;
  if (names) parts.push(names);
  const fallbacks = [...new Set([discovery?.fallback, categorization?.fallback].filter((why): why is string => !!why))];
  return { text: parts.join(" · "), fallbacks, explanation: assigning.embeddings === "provider" ? null : OFFLINE_EXPLANATION };
}
