// How a training run reads: its state's look, the backends in words, rewards with their change
// since the start, the ETA and the progress line. The figures are the server's; these only format.
import type { TrainingBackend, TrainingProgress, TrainingRunState, RewardTrend } from "../api/trainingTypes";
import { formatProgress } from "../format/numbers";
import type { StatusLook } from "../steps/stepCatalog";

export const RUN_STATE_LOOK: Record<TrainingRunState, StatusLook> = {
  queued: { label: "Queued", icon: "○", tone: "muted" },
  starting: { label: "Starting", icon: "◔", tone: "info" },
  running: { label: "Training", icon: "◔", tone: "info" },
  succeeded: { label: "Succeeded", icon: "✓", tone: "good" },
  failed: { label: "Failed", icon: "✕", tone: "bad" },
  cancelled: { label: "Cancelled", icon: "■", tone: "muted" },
};

export const BACKEND_INFO: Record<TrainingBackend, { label: string; hint: string }> = {
  openai: {
    label: "OpenAI fine-tuning",
    hint: "OpenAI's reinforcement fine-tuning jobs, or a compatible endpoint (Azure OpenAI…): Reinforge uploads the split and sends the grader in OpenAI's format",
  },
  external: {
    label: "External trainer",
    hint: "your trainer on your GPUs (verl, OpenRLHF, TRL, ART…) fetches the split and scores its samples on Reinforge's reward endpoint",
  },
};

/** A mean reward, or "—" until the backend has reported one. */
export function formatReward(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : value.toFixed(2);
}

/** The server's change since the start, signed: "+0.21", "−0.05", "±0.00"; empty when unknown. */
export function formatRewardChange(change: number | null | undefined): string {
  if (change === null || change === undefined) return "";
  const rounded = Math.round(change * 100) / 100;
  if (rounded === 0) return "±0.00";
  return `${rounded > 0 ? "+" : "−"}${Math.abs(rounded).toFixed(2)}`;
}

/** The tone of a change: up is good, down is bad. */
export function rewardChangeTone(change: number | null | undefined): "good" | "bad" | "muted" {
  if (change === null || change === undefined || Math.round(change * 100) === 0) return "muted";
  return change > 0 ? "good" : "bad";
}

/** "0.52 (+0.21)", or the last reward alone before there is a change. */
export function formatRewardTrend(trend: RewardTrend | null | undefined): string {
  const change = formatRewardChange(trend?.change);
  return change ? `${formatReward(trend?.last)} (${change})` : formatReward(trend?.last);
}

/** Time left, roughly: "~45 s", "~12 min", "~2 h 5 min", "~3 d"; "—" when unknown. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 60) return `~${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `~${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return hours >= 10 || rest === 0 ? `~${hours} h` : `~${hours} h ${rest} min`;
  }
  return `~${Math.round(hours / 24)} d`;
}

/** "Epoch 1 / 2 · step 42 / 100 · 42% · ETA ~5 min": the parts the backend has said; no ETA once a run has ended. */
export function formatProgressLine(progress: TrainingProgress | null | undefined, { eta = true }: { eta?: boolean } = {}): string {
  if (!progress) return "";
  const parts: string[] = [];
  // A trainer may go past what it planned (more epochs than announced): said so, not "3 / 2".
  const outOf = (name: string, done: number, planned: number | null) =>
    planned === null ? `${name} ${done}` : done > planned ? `${name} ${done} (${planned} planned)` : `${name} ${done} / ${planned}`;
  if (progress.epoch !== null) parts.push(outOf("Epoch", progress.epoch, progress.epochs));
  if (progress.step !== null) parts.push(outOf("step", progress.step, progress.total_steps));
  if (progress.percent !== null) parts.push(formatProgress(progress.percent));
  if (eta && progress.eta_seconds !== null) parts.push(`ETA ${formatEta(progress.eta_seconds)}`);
  return parts.join(" · ");
}

/** A hyperparameter's value as it reads: numbers as they are, words as they are. */
export function formatHyperparameters(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name} ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}
