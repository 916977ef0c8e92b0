// Shapes of the grader (step 4) and dry-run (step 5) endpoints, as docs/api.md and
// docs/graders.md define them. Verdicts and statistics are the server's; the UI shows them.

/** Where a judge (or the dry run) reaches a model. The key stays in the server's environment. */
export interface ProviderRef {
  name?: string;
  base_url: string;
  api_key_env: string;
  timeout_ms?: number;
  max_retries?: number;
}

export interface ScriptGraderConfig {
  type: "script";
  source: string;
  cpu_ms?: number;
  memory_mb?: number;
  file_name?: string;
}

interface JudgeModelFields {
  model: string;
  temperature?: number;
  max_tokens?: number;
  provider: ProviderRef;
}

export interface JudgeGraderConfig extends JudgeModelFields {
  type: "judge";
  prompt: string;
  schema?: Record<string, unknown>;
  score_field?: string;
  reason_field?: string;
  score_range?: [number, number];
}

export interface JudgeRubricConfig extends JudgeModelFields {
  type: "judge_rubric";
  rubric: string;
}

export interface ExactMatchConfig {
  type: "exact_match";
  input?: string;
  reference?: string;
  case_sensitive?: boolean;
  trim?: boolean;
}

export interface ContainsConfig {
  type: "contains";
  input?: string;
  pattern: string;
  case_sensitive?: boolean;
}

export interface RegexConfig {
  type: "regex";
  input?: string;
  pattern: string;
}

export interface JsonGraderConfig {
  type: "json";
  schema?: Record<string, unknown>;
}

export interface ToolUsageConfig {
  type: "tool_usage";
  match_arguments?: boolean;
}

export type SimilarityMetric = "fuzzy_match" | "rouge_1";

export interface SimilarityConfig {
  type: "similarity";
  input?: string;
  reference?: string;
  metric?: SimilarityMetric;
}

export interface WeightedPart {
  name: string;
  weight: number;
  grader: GraderConfig;
}

export interface WeightedConfig {
  type: "weighted";
  graders: WeightedPart[];
}

export type GraderConfig =
  | ScriptGraderConfig
  | JudgeGraderConfig
  | JudgeRubricConfig
  | ExactMatchConfig
  | ContainsConfig
  | RegexConfig
  | JsonGraderConfig
  | ToolUsageConfig
  | SimilarityConfig
  | WeightedConfig;

export type GraderType = GraderConfig["type"];

export interface GraderTestResult {
  record_id: number;
  preview: string;
  output_text: string;
  score: number | null;
  reason: string;
  error: string;
  logs: string[];
  latency_ms: number;
}

/** What a test sample grades: the records' reference answers, or fresh samples of a base model. */
export type GraderTestMode = "reference" | "base_model";

export interface SamplingOptions {
  temperature?: number;
  max_tokens?: number;
}

/** The body of POST /api/datasets/:id/grader/test; without `config` the saved grader is tested. */
export type GraderTestRequest = { config?: GraderConfig } & (
  | { mode?: "reference" }
  | { mode: "base_model"; model: string; provider: ProviderRef; sampling?: SamplingOptions }
);

export interface GraderTest {
  ran_at: string;
  version: string;
  /** Whether the tested config is the saved grader (a draft from the editor is not). */
  saved?: boolean;
  mode: GraderTestMode;
  /** The sampled model with base_model; null (or absent, from older servers) for reference. */
  model?: string | null;
  errors: number;
  /** With base_model, `output_text` is the model's sample and a sampling failure is the `error`. */
  results: GraderTestResult[];
}

export type SavedGrader =
  | { version: null }
  | { version: string; config: GraderConfig; created_at: string; last_test: GraderTest | null };

export interface OpenAIGraderExport {
  grader: Record<string, unknown>;
  notes: string[];
}

export type DryRunMode = "reference" | "base_model";
export type DryRunVerdict = "GO" | "CAUTION" | "NO-GO";

export interface DryRunRequest {
  mode: DryRunMode;
  /** 0 = every valid record. */
  samples: number;
  k?: number;
  concurrency?: number;
  model?: string;
  provider?: ProviderRef;
  sampling?: SamplingOptions;
  /** The base model's price, for the run's cost. */
  price?: TokenPrice;
}

/** US dollars per million tokens. */
export interface TokenPrice {
  input_per_million: number;
  output_per_million: number;
}

export interface DryRunStatistics {
  samples: number;
  scored: number;
  mean: number;
  std_dev: number;
  share_above_zero: number;
  /** 10 bins over [0, 1]: [0, 0.1) … [0.9, 1.0]. */
  histogram: number[];
  grader_errors: number;
  sampling_errors: number;
  grader_error_rate: number;
  prompt_tokens: number;
  completion_tokens: number;
  judge_tokens: number;
  /** The prompt and completion tokens at `price`; null when the run had no price. */
  cost_usd: number | null;
  price: TokenPrice | null;
  disagreement_share: number | null;
  slowest: number[];
  failed: number[];
}

export type DryRunDiagnosisCode =
  | "grader_errors"
  | "sampling_errors"
  | "scores_too_low"
  | "too_few_nonzero"
  | "too_little_spread"
  | "too_easy"
  | "groups_agree";

export interface DryRunDiagnosis {
  code: DryRunDiagnosisCode | string;
  message: string;
  /** Sample indexes that show it. */
  examples: number[];
}

export interface DryRunReport {
  grader_version: string;
  mode: DryRunMode;
  verdict: DryRunVerdict;
  verdicts: { mean: DryRunVerdict; share_above_zero: DryRunVerdict; std_dev: DryRunVerdict };
  statistics: DryRunStatistics;
  topic_means: Record<string, { mean: number; count: number }>;
  diagnoses: DryRunDiagnosis[];
  wall_ms: number;
  sample_count: number;
}

export interface DryRun {
  ran_at: string;
  dataset_revision: number;
  job_id: number;
  /** What the run was asked (runs stored before this was kept have none). */
  request?: DryRunRequest;
  report: DryRunReport;
}

export interface ChatMessage {
  role: string;
  content?: unknown;
  tool_calls?: unknown[];
  [field: string]: unknown;
}

export interface DryRunSample {
  index: number;
  record_id: string;
  topic: string;
  prompt_index: number;
  sample_index: number;
  preview: string;
  output_text: string;
  tool_calls: unknown[];
  score: number | null;
  reason: string;
  error: string;
  error_kind: "" | "grader" | "sampling";
  logs: string[];
  latency_ms: number;
  tokens: number;
}

export interface DryRunSampleDetail extends DryRunSample {
  prompt: ChatMessage[];
}

export type DryRunSampleSort = "index" | "score" | "-score" | "-latency";

export interface DryRunSampleQuery {
  sort: DryRunSampleSort;
  errors?: boolean;
}
