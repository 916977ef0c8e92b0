// Response shapes of the topics (step 2) and coverage (step 3) endpoints, as docs/api.md and
// docs/topics.md define them. The UI displays these; bands and scores are the server's.
import type { Job } from "./types";

export interface Topic {
  id: string;
  name: string;
  description: string;
  keywords: string[];
  examples: string[];
  /** In [0, 1]; null means "an equal share of what the set targets leave". Only leaves' count. */
  target_share: number | null;
  children: Topic[];
}

/** The document of GET/PUT /topics and the topics.json export. */
export interface TopicSetDocument {
  version?: 1;
  topics: Topic[];
}

export type TopicSource = "auto" | "template" | "manual" | "import";

/** How a topic job found the topics or assigned the records (docs/api.md, `method`). */
export interface TopicJobMethod {
  embeddings: "provider" | "lexical";
  /** Null for categorization, which names nothing. */
  labels: "llm" | "lexical" | null;
  /** Why a configured model was not (fully) used; null when it was, or none was set. */
  fallback: string | null;
  embedding_model: string | null;
  labeling_model: string | null;
}

export interface TopicHierarchy extends TopicSetDocument {
  source: TopicSource | null;
  /** Present once a discovery or categorization ran on this hierarchy. */
  method?: { discovery?: TopicJobMethod; categorization?: TopicJobMethod };
  updated_at?: string;
  /** Valid records per leaf topic id, plus "uncategorized". */
  records: Record<string, number>;
  /**
   * The categorization a save started: with assignments=clear, with a template, or with
   * assignments=keep when it is the first hierarchy with leaves and no record has a topic yet.
   */
  job?: Job;
  /** Set by a merge. */
  merged?: { into: string; records_moved: number };
}

export interface TopicTemplate extends TopicSetDocument {
  id: string;
  name: string;
  description: string;
}

export type AssignmentsOnSave = "keep" | "clear";
export type CategorizeMode = "all" | "unlabeled";
export type ConfidenceBand = "high" | "medium" | "low";
export type BalanceBand = "good" | "attention" | "poor";

export interface MergeRequest {
  topics: string[];
  into: string;
  name?: string;
}

export interface TopicCoverage {
  id: string;
  name: string;
  records: number;
  share: number;
  target: number;
  target_set: boolean;
  /** Records the topic lacks to meet its target (0 when met). */
  deficit: number;
  confidence: Partial<Record<ConfidenceBand, number>>;
  sources: Record<string, number>;
}

export interface TokenLengthBucket {
  from: number;
  to: number;
  records: number;
}

export interface Coverage {
  topics: TopicCoverage[];
  categorized: number;
  uncategorized: number;
  balance_score: number | null;
  balance_band: BalanceBand | null;
  worst_topic: string | null;
  token_lengths: TokenLengthBucket[];
}
