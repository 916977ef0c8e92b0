// Step 7's form: what it starts from (the latest succeeded run's model), the request it sends,
// and which field a refusal names. The server checks the request; the form only shapes it.
import { ApiError } from "../api/errors";
import type { Deployment, DeploymentMode, DeploymentPatch, DeployRequest } from "../api/deploymentsTypes";
import type { TrainingRun } from "../api/trainingTypes";

/** An A/B test's online scoring and guard, as typed. */
export interface OnlineScoringValues {
  /** The share of each arm's calls graded online, in percent; 0 is off. */
  scoringPercent: string;
  /** The guard rolls the deployment back by itself when the tuned arm is worse. */
  guardEnabled: boolean;
  guardMinCalls: string;
  guardMinScores: string;
}

export interface DeployForm extends OnlineScoringValues {
  mode: DeploymentMode;
  baseModel: string;
  tunedModel: string;
  endpoint: string;
  provider: string;
  /** ab mode: the tuned model's share of callers, in percent as typed. */
  sharePercent: string;
}

export type DeployField = "mode" | "base_model" | "tuned_model" | "endpoint" | "provider" | "share" | "online_scoring" | "guard";

const FIELDS: readonly DeployField[] = ["mode", "base_model", "tuned_model", "endpoint", "provider", "share", "online_scoring", "guard"];

/** docs/deployment.md's defaults: 10% of calls graded, the guard off, armed after 100 calls and 30 graded traces per arm. */
export const ONLINE_DEFAULTS = { scoringPercent: "10", guardMinCalls: "100", guardMinScores: "30" } as const;

/** The newest run that succeeded with a model; runs come newest first. */
export function latestTunedRun(runs: TrainingRun[]): TrainingRun | undefined {
  return runs.find((run) => run.state === "succeeded" && run.fine_tuned_model);
}

export function initialDeployForm(run: TrainingRun | undefined): DeployForm {
  return {
    mode: "replace",
    baseModel: run?.base_model ?? "",
    tunedModel: run?.fine_tuned_model ?? "",
    endpoint: "",
    provider: "",
    sharePercent: "10",
    guardEnabled: false,
    ...ONLINE_DEFAULTS,
  };
}

/** The POST /api/deployments body: only the fields the mode takes; ids tie it to the dataset and run. */
export function deployRequest(form: DeployForm, datasetId: number, runId: number | undefined): DeployRequest {
  const request: DeployRequest = {
    mode: form.mode,
    base_model: form.baseModel.trim(),
    tuned_model: form.tunedModel.trim(),
    dataset_id: datasetId,
  };
  if (runId !== undefined) request.run_id = runId;
  if (form.provider.trim()) request.provider = form.provider.trim();
  if (form.mode === "endpoint") request.endpoint = form.endpoint.trim();
  // A share that is not a number goes as null (JSON has no NaN), and the server says what it needs.
  if (form.mode === "ab") {
    request.share = Number(form.sharePercent) / 100;
    // Only an A/B test has two arms to compare, so only it is graded online and guarded.
    request.online_scoring = { share: Number(form.scoringPercent) / 100 };
    request.guard = { enabled: form.guardEnabled, min_calls: Number(form.guardMinCalls), min_scores: Number(form.guardMinScores) };
  }
  return request;
}

/** An active deployment's online scoring and guard as the settings form shows them. */
export function onlineSettingsOf(deployment: Pick<Deployment, "online_scoring" | "guard">): OnlineScoringValues {
  const percent = deployment.online_scoring ? Number((deployment.online_scoring.share * 100).toFixed(2)) : Number(ONLINE_DEFAULTS.scoringPercent);
  return {
    scoringPercent: String(percent),
    guardEnabled: deployment.guard?.enabled ?? false,
    guardMinCalls: String(deployment.guard?.min_calls ?? ONLINE_DEFAULTS.guardMinCalls),
    guardMinScores: String(deployment.guard?.min_scores ?? ONLINE_DEFAULTS.guardMinScores),
  };
}

/** The PATCH /api/deployments/:id body for the settings form; the server checks the values. */
export function deploymentPatch(values: OnlineScoringValues): DeploymentPatch {
  return {
    online_scoring: { share: Number(values.scoringPercent) / 100 },
    guard: { enabled: values.guardEnabled, min_calls: Number(values.guardMinCalls), min_scores: Number(values.guardMinScores) },
  };
}

/**
 * The field a refusal is about: the server's codes for an unknown model or provider, otherwise
 * the field its message starts with ("share must be above 0…", "guard.min_calls must…"); null
 * for the others.
 */
export function refusedField(error: unknown): DeployField | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === "unknown_model") return "base_model";
  if (error.code === "unknown_provider") return "provider";
  const first = /^[a-z_]+/.exec(error.message)?.[0];
  return FIELDS.find((field) => field === first) ?? null;
}
