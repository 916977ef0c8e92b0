// Response shapes of the REST API, as docs/api.md defines them. The UI only displays these;
// statuses and verdicts are the server's.
import type { TraceFilterFields } from "./tracesTypes";

export const STEP_NAMES = ["extract", "topics", "coverage", "grader", "dry_run", "train", "deploy"] as const;
export type StepName = (typeof STEP_NAMES)[number];

export type StepStatus = "waiting" | "ready" | "running" | "complete" | "attention" | "failed" | "skipped" | "stale";
export type DatasetStatus = "ready" | "running" | "failed" | "attention";

export interface StepState {
  step: StepName;
  status: StepStatus;
  headline: string;
  progress?: number;
}

export type JobState = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export interface ImportResult {
  imported: number;
  valid: number;
  invalid: number;
  blank_lines: number;
}

export interface Job {
  id: number;
  dataset_id: number;
  kind: string;
  state: JobState;
  progress: number;
  done: number;
  total: number;
  message: string;
  error: string | null;
  result: ImportResult | Record<string, unknown> | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface DatasetSummary {
  id: number;
  name: string;
  objective: string;
  created_at: string;
  updated_at: string;
  revision: number;
  record_count: number;
  valid_count: number;
  invalid_count: number;
  topic_count: number | null;
  balance_score: number | null;
  steps: StepState[];
  status: DatasetStatus;
  active_job: Job | null;
}

export interface Health {
  total: number;
  valid: number;
  invalid: number;
  invalid_percent: number;
  errors: Record<string, number>;
  warnings: Record<string, number>;
}

export interface DatasetSettings {
  encoding: string;
  max_tokens: number;
  // Model names as the gateway knows them; null: the offline method (lexical vectors, keyword names).
  embedding_model: string | null;
  labeling_model: string | null;
  /** The chat model that writes records for coverage gaps (step 3); null: none set. */
  generation_model: string | null;
}

export interface Dataset extends DatasetSummary {
  health: Health;
  settings: DatasetSettings;
  /** The filter "pull new traces" runs for a dataset made from traces; null for other datasets. */
  trace_filter?: TraceFilterFields | null;
  /** When traces were last added to it. */
  traces_pulled_at?: string | null;
}

export interface Page<T> {
  total: number;
  items: T[];
}

/** A keyset-paged list (docs/api.md): each page names where the next one starts. */
export interface CursorPage<T> extends Page<T> {
  /** False when the server stopped counting at its cap: `total` then reads "10,000+". */
  total_exact: boolean;
  /** Pass as `cursor` for the page after this one; null on the last page. */
  next_cursor: string | null;
}

/** A page of the records list. */
export interface RecordPage extends CursorPage<RecordSummary> {
  /** A search answered while the search index was still taking in the newest records (an import in progress). */
  search_catching_up: boolean;
}

export type IssueSeverity = "error" | "warning";

export interface Issue {
  code: string;
  severity: IssueSeverity;
  message: string;
  path?: string;
}

export type RecordOrigin = "trace" | "import" | "generated" | "edited";

export interface RecordSummary {
  id: number;
  line: number | null;
  origin: RecordOrigin;
  valid: boolean;
  token_count: number;
  issues: Issue[];
  preview: string;
  /** The leaf topic's id ("t3.2"), null when uncategorized. */
  topic_id: string | null;
  /** True when a person chose the topic; re-categorization keeps it. */
  topic_manual: boolean;
  confidence: number | null;
  updated_at: string;
}

export interface RecordDetail extends RecordSummary {
  text: string;
}

export interface Verdict {
  valid: boolean;
  issues: Issue[];
  token_count: number;
}

export type ImportMode = "append" | "replace";

export interface RecordQuery {
  validity?: "valid" | "invalid";
  issue?: string;
  origin?: RecordOrigin;
  q?: string;
  /** A leaf topic id, or "uncategorized". */
  topic?: string;
  confidence?: "high" | "medium" | "low";
}

export interface DatasetPatch {
  name?: string;
  objective?: string;
  settings?: Partial<DatasetSettings>;
}
