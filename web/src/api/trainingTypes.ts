// Shapes of the training endpoints (step 6), as docs/training.md defines them. States, gates and
// reward changes are the server's; the UI shows them.
import type { DryRunVerdict, ProviderRef } from "./gradingTypes";

export type TrainingBackend = "openai" | "external";

export type TrainingRunState = "queued" | "starting" | "running" | "succeeded" | "failed" | "cancelled";

/** A hyperparameter's value: a number, or a word such as "auto" or "medium". */
export type HyperparameterValue = number | string | boolean;
export type Hyperparameters = Record<string, HyperparameterValue>;

export interface TrainingGate {
  /** The last dry run's verdict; null when there was none. */
  verdict: DryRunVerdict | null;
  /** The records or the grader changed since that dry run. */
  stale: boolean;
  overridden: boolean;
}

export interface TrainingSplit {
  train: number;
  valid: number;
  valid_share: number;
  stratified: boolean;
  seed: number;
}

/** Any field is null until the backend has said it. */
export interface TrainingProgress {
  /** Share done, in [0, 1]. */
  percent: number | null;
  epoch: number | null;
  epochs: number | null;
  step: number | null;
  total_steps: number | null;
  eta_seconds: number | null;
}

/** A reward's first and last reported means; `change` is last − first, the server's. */
export interface RewardTrend {
  first: number | null;
  last: number | null;
  change: number | null;
}

export interface TrainingRewards {
  train: RewardTrend | null;
  valid: RewardTrend | null;
}

/** Absolute URLs on this server that an external trainer calls. */
export interface TrainerEndpoints {
  run: string;
  train: string;
  valid: string;
  rewards: string;
  metrics: string;
}

export interface TrainingRun {
  id: number;
  dataset_id: number;
  job_id: number | null;
  backend: TrainingBackend;
  base_model: string;
  state: TrainingRunState;
  /** The backend's own word for its state ("validating_files", "exited 0"…), null when there is none. */
  remote_status: string | null;
  dataset_revision: number;
  grader_version: string;
  /** The gate as it was when the run started; null for a run recorded without one. */
  gate: TrainingGate | null;
  split: TrainingSplit;
  hyperparameters: Hyperparameters;
  progress: TrainingProgress | null;
  rewards: TrainingRewards | null;
  fine_tuned_model: string | null;
  /** Where an external trainer serves the model (OpenAI-compatible); null for openai runs. */
  model_url: string | null;
  remote_job_id: string | null;
  command: string | null;
  endpoints: TrainerEndpoints | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** POST /api/datasets/:id/training (and its preflight). */
export interface TrainingStartRequest {
  backend: TrainingBackend;
  base_model: string;
  valid_share: number;
  stratify: boolean;
  seed: number;
  hyperparameters: Hyperparameters;
  /** openai only; the gateway's zero-config provider when left out. */
  provider?: ProviderRef;
  /** external only: a command Reinforge launches and supervises. */
  command?: string;
  suffix?: string;
  poll_interval_ms?: number;
  confirm_caution: boolean;
  override_gate: boolean;
}

export interface TrainingPreflight {
  allowed: boolean;
  needs_confirmation: boolean;
  /** Why starting would be refused (`gate_caution`, `gate_refused`, `no_grader`…); null when allowed. */
  code?: string | null;
  /** The server's sentence about what starting would do, or why it would refuse. */
  message: string;
  /** The dry run's verdict and the gate's own sentence about it. */
  gate: { verdict: DryRunVerdict | null; stale: boolean; message?: string };
  split: { train: number; valid: number };
  /** Whether the backend can use the dataset's grader (openai translates it). */
  grader: { ok: boolean; error?: string | null; notes?: string[] };
  /** The hyperparameters as the run would get them, defaults filled. */
  hyperparameters: Hyperparameters;
}

export interface StartedTraining {
  run: TrainingRun;
  /** The external trainer's token, shown once; null for openai runs and for a launched command (it gets its own). */
  token: string | null;
}

export interface TrainingMetricPoint {
  seq: number;
  at: string;
  step: number | null;
  epoch: number | null;
  train_reward_mean: number | null;
  valid_reward_mean: number | null;
  loss: number | null;
  /** Every numeric field as the trainer reported it. */
  values: Record<string, number>;
}

export type TrainingEventLevel = "info" | "warning" | "error";

export interface TrainingEvent {
  seq: number;
  at: string;
  level: TrainingEventLevel;
  message: string;
}
