// Step 3's generation (docs/generation.md): the plan and estimate shown before a run, a run with
// what its gates did, and the records it produced for review. The UI displays these; the plan,
// the caps and the gates' verdicts are the server's.
import type { Job } from "./types";

export interface GenerationTopicCount {
  /** A leaf topic's id. */
  topic: string;
  count: number;
}

export interface TokenPrice {
  input_per_million: number;
  output_per_million: number;
}

/** The body of POST …/generation/plan and …/generation; every field optional. */
export interface GenerationRequest {
  /** Absent: every topic's fill (the records that bring it to its target). */
  topics?: GenerationTopicCount[];
  /** Absent: the dataset's generation_model. */
  model?: string;
  records_per_call?: number;
  /** In [0, 1]: generated records stay within this share of each topic and of the dataset. */
  max_synthetic_share?: number;
  price?: TokenPrice;
  /** Accepted records wait for a person before they join the dataset. */
  review?: boolean;
  concurrency?: number;
  duplicate_threshold?: number;
  min_confidence?: number;
  temperature?: number;
}

export type CapReason = "topic_cap" | "dataset_cap";

export interface PlannedTopic {
  topic: string;
  name: string;
  /** Valid records of the topic now, generated ones included. */
  records: number;
  generated: number;
  target_share: number;
  /** Records that bring the topic to its target. */
  fill: number;
  requested: number;
  /** What the synthetic cap lets through. */
  allowed: number;
  clipped_by: CapReason | null;
  /** The topic has no real records: its records would be written from its name and description. */
  no_real_examples: boolean;
}

export interface GenerationEstimate {
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  /** Null without a price. */
  cost_usd: number | null;
  note: string;
}

export interface GenerationPlan {
  /** Only the topics asked for (with no topics: those with a fill above 0). */
  topics: PlannedTopic[];
  requested: number;
  allowed: number;
  /** Generated records the dataset-wide cap still allows. */
  dataset_room: number;
  /** Said to the person: clipping by the cap, topics without real examples. */
  notes: string[];
  estimate: GenerationEstimate;
  /** The model a run would call, or null with `model_error` saying why there is none. */
  model: string | null;
  model_error: string | null;
}

export const GATES = ["invalid", "exact_duplicate", "near_duplicate", "off_topic", "low_confidence", "cap"] as const;
export type Gate = (typeof GATES)[number];

export const ANSWER_PROBLEMS = ["refusal", "not_json", "wrong_shape"] as const;
export type AnswerProblem = (typeof ANSWER_PROBLEMS)[number];

export interface GenerationTopicSummary {
  topic: string;
  name: string;
  planned: number;
  accepted: number;
  calls: number;
  /** Gate → records it removed. */
  rejected: Partial<Record<Gate, number>>;
  /** Real records the prompts drew their examples from. */
  seed_pool: number;
}

/** What a finished run did; `{}` while it runs. */
export interface GenerationSummary {
  calls: number;
  failed_calls: number;
  last_call_error: string | null;
  answer_problems: Record<AnswerProblem, number>;
  /** Records read from the answers. */
  generated: number;
  accepted: number;
  gates: Record<Gate, number>;
  topics: GenerationTopicSummary[];
  tokens: { prompt: number; completion: number };
  cost_usd: number | null;
  wall_ms: number;
}

export type GenerationRunState = "running" | "succeeded" | "failed" | "cancelled";
export type GeneratedRecordStatus = "accepted" | "pending" | "rejected" | "deleted";
export const GENERATED_RECORD_STATUSES: GeneratedRecordStatus[] = ["accepted", "pending", "rejected", "deleted"];

export interface GenerationRun {
  id: number;
  dataset_id: number;
  job_id: number;
  job: Job | null;
  model: string;
  state: GenerationRunState;
  review: boolean;
  options: GenerationRequest | null;
  plan: GenerationPlan | null;
  summary: Partial<GenerationSummary> | null;
  counts: Record<GeneratedRecordStatus, number>;
  error: string | null;
  /** Unix seconds (the other endpoints send RFC 3339 text; both are read). */
  created_at: number | string;
  finished_at: number | string | null;
}

export interface GeneratedRecord {
  id: number;
  run_id: number;
  topic: string;
  status: GeneratedRecordStatus;
  /** The gate that removed it; null when it passed them all. */
  gate: Gate | null;
  reason: string;
  /** The record parsed, or null when its text is not JSON. */
  record: { messages?: unknown[]; [field: string]: unknown } | null;
  text: string;
  seed_ids: number[] | null;
  confidence: number | null;
  /** To the nearest earlier record, when the gate measured it. */
  similarity: number | null;
  /** The dataset record it became, once accepted. */
  record_id: number | null;
  created_at: number | string;
}

export interface GeneratedRecordEdit extends GeneratedRecord {
  valid: boolean;
  issues: unknown;
}

/** POST /api/generation/runs/:run/accept: how many joined; the ids left as they were because they
 *  are invalid, or because the cap on synthetic data has no room for them. */
export interface AcceptResult {
  accepted: number;
  invalid: number[];
  over_cap: number[];
}
