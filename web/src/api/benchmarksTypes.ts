// Shapes of the benchmark endpoints (step 7), as docs/deployment.md defines them: the base and
// the tuned model graded on the same held-out records. Means, intervals, the paired difference,
// whether it is conclusive and the headline are the server's; the UI shows them.
import type { JobState } from "./types";

export interface ModelPrice {
  input_per_million: number;
  output_per_million: number;
}

/** POST /api/benchmarks. */
export interface BenchmarkRequest {
  dataset_id: number;
  /** Its validation split is the held-out set; else a stratified sample of valid records. */
  run_id?: number;
  base_model: string;
  tuned_model: string;
  /** A provider of the gateway's config for the tuned model; else the base model's. */
  provider?: string;
  /** Samples per record and model, 1–16. */
  k?: number;
  /** Records; 0 = all. */
  samples?: number;
  concurrency?: number;
  sampling?: { temperature?: number; max_tokens?: number; [option: string]: unknown };
  price?: { base: ModelPrice; tuned: ModelPrice };
}

/** The benchmark's job as it ran; cancel it with POST /api/jobs/:job_id/cancel. */
export interface BenchmarkJob {
  state: JobState;
  progress: number;
  total: number;
  message: string;
  error: string | null;
}

export type Interval = [low: number, high: number];

/** One model's figures over the paired records. */
export interface BenchmarkModelFigures {
  model: string;
  mean: number;
  /** 95% percentile bootstrap interval over records. */
  ci: Interval;
  /** Records scored for this model. */
  scored: number;
  sampling_errors: number;
  grader_errors: number;
  latency_ms: { p50: number | null; p95: number | null };
  prompt_tokens: number;
  completion_tokens: number;
  /** With prices only. */
  cost_usd: number | null;
}

export interface BenchmarkDifference {
  /** tuned − base, the mean over paired records. */
  mean: number;
  ci: Interval;
  /** difference / base mean; null when the base mean is 0. */
  relative: number | null;
  /** The interval leaves out 0. */
  conclusive: boolean;
}

export interface BenchmarkTopic {
  topic: string;
  records: number;
  base_mean: number;
  tuned_mean: number;
  difference: number;
}

export interface BenchmarkReport {
  method: string;
  /** Records scored for both models (paired). */
  records: number;
  k: number;
  base: BenchmarkModelFigures;
  tuned: BenchmarkModelFigures;
  difference: BenchmarkDifference;
  /** Per record; a tie is a difference within 0.005. */
  outcomes: { win: number; tie: number; loss: number };
  topics: BenchmarkTopic[];
  /** "0.45 → 0.67, +49%". */
  headline: string;
  wall_ms: number;
}

export interface Benchmark {
  id: number;
  dataset_id: number;
  run_id: number | null;
  base_model: string;
  tuned_model: string;
  provider: string | null;
  options: Record<string, unknown>;
  job_id: number | null;
  job: BenchmarkJob | null;
  created_at: string;
  /** null until the job succeeds. */
  report: BenchmarkReport | null;
}

export type BenchmarkOutcome = "win" | "tie" | "loss";

export interface BenchmarkSampleOutput {
  output_text: string;
  tool_calls: unknown[];
  score: number | null;
  reason: string;
  error: string;
  latency_ms: number;
  tokens: number;
}

export interface BenchmarkSide {
  /** The record's mean over its k scores; null when none was scored. */
  mean: number | null;
  samples: BenchmarkSampleOutput[];
}

/** One record with every sample of both models side by side. */
export interface BenchmarkRecordSamples {
  record_id: string | number;
  topic: string;
  preview: string;
  prompt: { role: string; content?: unknown; [field: string]: unknown }[];
  /** tuned − base; null when the record is not paired. */
  difference: number | null;
  /** "unpaired" when every sample of a model failed (not in docs/deployment.md's list; the server sends it). */
  outcome: BenchmarkOutcome | "unpaired" | null;
  base: BenchmarkSide;
  tuned: BenchmarkSide;
}

export interface BenchmarkSampleQuery {
  outcome?: BenchmarkOutcome;
  topic?: string;
}
