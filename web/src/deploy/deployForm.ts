// Step 7's form: what it starts from (the latest succeeded run's model), the request it sends,
// and which field a refusal names. The server checks the request; the form only shapes it.
import { ApiError } from "../api/errors";
import type { DeploymentMode, DeployRequest } from "../api/deploymentsTypes";
import type { TrainingRun } from "../api/trainingTypes";

export interface DeployForm {
  mode: DeploymentMode;
  baseModel: string;
  tunedModel: string;
  endpoint: string;
  provider: string;
  /** ab mode: the tuned model's share of callers, in percent as typed. */
  sharePercent: string;
}

export type DeployField = "mode" | "base_model" | "tuned_model" | "endpoint" | "provider" | "share";

const FIELDS: readonly DeployField[] = ["mode", "base_model", "tuned_model", "endpoint", "provider", "share"];

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
  if (form.mode === "ab") request.share = Number(form.sharePercent) / 100;
  return request;
}

/**
 * The field a refusal is about: the server's codes for an unknown model or provider, otherwise
 * the field its message starts with ("share must be above 0…"); null for the others.
 */
export function refusedField(error: unknown): DeployField | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === "unknown_model") return "base_model";
  if (error.code === "unknown_provider") return "provider";
  const first = /^[a-z_]+/.exec(error.message)?.[0];
  return FIELDS.find((field) => field === first) ?? null;
}
