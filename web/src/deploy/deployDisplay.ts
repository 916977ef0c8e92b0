// How deployments read: the modes' names, a share, an arm's latency.
import type { Deployment, DeploymentMode } from "../api/deploymentsTypes";
import type { ModeOption } from "../ui/ModeChoice";

export const MODE_OPTIONS: ModeOption<DeploymentMode>[] = [
  ["replace", "Replace", "calls for the base model are served by the tuned model"],
  ["endpoint", "New endpoint", "a new model name serves the tuned model; the base model is untouched"],
  ["ab", "A/B test", "a share of the base model's callers get the tuned model, the same arm for each caller"],
];

export const MODE_LABEL: Record<DeploymentMode, string> = { replace: "Replace", endpoint: "New endpoint", ab: "A/B" };

/** 0.2 → "20%", 0.125 → "12.5%". */
export function formatShare(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`;
}

/** 0.56 → "0.6 ms", 84 → "84 ms", 1520 → "1.52 s"; "—" before any call. */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 10) return `${Number(ms.toFixed(1))} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** The model name callers use to reach the tuned model. */
export function callersModel(deployment: Deployment): string {
  return deployment.mode === "endpoint" && deployment.endpoint ? deployment.endpoint : deployment.base_model;
}
