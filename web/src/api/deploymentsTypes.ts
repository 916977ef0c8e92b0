// Shapes of the deployment endpoints (step 7), as docs/deployment.md defines them. Routing and
// the arms' figures are the server's; the UI shows them.

export type DeploymentMode = "replace" | "endpoint" | "ab";

export type DeploymentState = "active" | "rolled_back";

export interface DeploymentHistoryEntry {
  at: string;
  action: string;
  /** Why, when the server says: the guard's rollback carries "guard: …" with the figures. */
  reason?: string;
  [detail: string]: unknown;
}

/** The share of each arm's traces graded in the background with the dataset's grader (A/B only). */
export interface OnlineScoring {
  /** In [0, 1]; 0 is off. */
  share: number;
  /** Whether the dataset's grader can grade live traffic (it must need no reference answer). */
  eligible?: boolean;
  /** Why it cannot, when it cannot. */
  reason?: string | null;
  grader_version?: string | null;
}

/** Rolls an A/B deployment back by itself when the tuned arm is worse beyond the 95% bound. */
export interface DeploymentGuard {
  enabled: boolean;
  /** Calls per arm before the error rates are compared. */
  min_calls: number;
  /** Graded traces per arm before the online scores are compared. */
  min_scores: number;
  /** Of the bound it compares with: 0.95 unless set (the server sends it; docs/deployment.md does not name it). */
  confidence?: number;
}

export interface Deployment {
  id: number;
  dataset_id: number | null;
  run_id: number | null;
  mode: DeploymentMode;
  base_model: string;
  tuned_model: string;
  /** The new model name callers use; endpoint mode only. */
  endpoint: string | null;
  /** A provider of the gateway's config; null for the one that serves the base model. */
  provider: string | null;
  /** The tuned model's share of callers in [0, 1]; ab mode only. */
  share: number | null;
  state: DeploymentState;
  history: DeploymentHistoryEntry[];
  created_at: string;
  ended_at: string | null;
  /** Absent on deployments made before online scoring existed. */
  online_scoring?: OnlineScoring | null;
  guard?: DeploymentGuard | null;
}

export type DeploymentArmName = "base" | "tuned";

/** One arm's figures from the traces it served. */
export interface DeploymentArm {
  calls: number;
  errors: number;
  /** In [0, 1]. */
  error_rate: number;
  prompt_tokens: number;
  completion_tokens: number;
  latency_ms: { p50: number | null; p95: number | null };
  /** The online score of the arm's graded traces; absent when the deployment grades none. */
  score?: ArmScore | null;
}

/** An arm's online score: the figures are null before two graded traces. */
export interface ArmScore {
  graded: number;
  /** Traces the grader failed on (not counted as zeros). */
  errors: number;
  mean: number | null;
  /** Mean ± 1.96 standard errors. */
  ci: [number, number] | null;
}

/** tuned − base, with its 95% interval; `conclusive` when the interval leaves out 0. */
export interface ArmDifference {
  difference: number | null;
  ci: [number, number] | null;
  conclusive: boolean;
}

export interface ScoreDifference extends ArmDifference {
  /** Graded traces each arm still needs for the observed difference to become conclusive; null when no difference is seen. */
  more_graded_per_arm: number | null;
  /** The calls that takes at the scoring share and the A/B share. */
  more_calls: number | null;
}

/** The arms compared as the server computes it; a part is null until each arm has enough. */
export interface ArmComparison {
  score: ScoreDifference | null;
  error_rate: ArmDifference | null;
}

/** GET /api/deployments/:id: an arm is missing until it has served a call. */
export interface DeploymentDetail extends Deployment {
  arms: Partial<Record<DeploymentArmName, DeploymentArm>>;
  /** A/B only. */
  comparison?: ArmComparison | null;
}

/** PATCH /api/deployments/:id while it is active: a field left out keeps its value. */
export interface DeploymentPatch {
  online_scoring?: { share: number };
  guard?: Partial<DeploymentGuard>;
}

/** One time bucket of an arm in GET /api/deployments/:id/timeline. */
export interface TimelineArm {
  calls: number;
  errors: number;
  graded: number;
  /** null when no trace of the bucket was graded. */
  score_mean: number | null;
}

export interface TimelinePoint {
  /** The bucket's start, epoch ms. */
  at: number;
  base?: TimelineArm | null;
  tuned?: TimelineArm | null;
}

export interface DeploymentTimeline {
  bucket_s: number;
  /** In time order. */
  points: TimelinePoint[];
}

/** POST /api/deployments. */
export interface DeployRequest {
  mode: DeploymentMode;
  base_model: string;
  tuned_model: string;
  endpoint?: string;
  provider?: string;
  /** ab mode: in (0, 1). */
  share?: number;
  dataset_id?: number;
  run_id?: number;
  /** ab mode: the share of each arm's traces graded online (default 0.1, 0 = off). */
  online_scoring?: { share: number };
  guard?: DeploymentGuard;
}
