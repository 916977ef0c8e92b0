// Shapes of the deployment endpoints (step 7), as docs/deployment.md defines them. Routing and
// the arms' figures are the server's; the UI shows them.

export type DeploymentMode = "replace" | "endpoint" | "ab";

export type DeploymentState = "active" | "rolled_back";

export interface DeploymentHistoryEntry {
  at: string;
  action: string;
  [detail: string]: unknown;
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
}

/** GET /api/deployments/:id: an arm is missing until it has served a call. */
export interface DeploymentDetail extends Deployment {
  arms: Partial<Record<DeploymentArmName, DeploymentArm>>;
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
}
