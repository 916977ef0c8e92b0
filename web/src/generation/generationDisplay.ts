// How a generation run reads: the gates' names and what each removed, answer problems in words, a
// run's state as a badge, its times (its outcome in a line is runOutcome.ts). The verdicts and
// counts are the server's.
import { ANSWER_PROBLEMS, GATES, type AcceptResult, type AnswerProblem, type CapReason, type Gate, type GeneratedRecord, type GeneratedRecordStatus, type GenerationRun, type GenerationSummary } from "../api/generationTypes";
import { formatCount } from "../format/numbers";
import { formatConfidence } from "../topics/confidence";

export const GATE_LABEL: Record<Gate, string> = {
  invalid: "Invalid",
  exact_duplicate: "Exact duplicate",
  near_duplicate: "Near duplicate",
  off_topic: "Off topic",
  low_confidence: "Low confidence",
  cap: "Over the plan",
};

export const GATE_HINT: Record<Gate, string> = {
  invalid: "Failed the dataset's health checks (format, roles, token limit)",
  exact_duplicate: "The same line as a record already in the dataset, or written earlier in the run",
  near_duplicate: "Its user turns read almost the same as an existing record's (cosine at or above the threshold)",
  off_topic: "Its user turns read as another topic",
  low_confidence: "Matched the topic, but not clearly enough (confidence below the minimum)",
  cap: "Passed every gate after the topic already had the records planned for it",
};

const PROBLEM_LABEL: Record<AnswerProblem, [string, string]> = {
  refusal: ["refusal", "refusals"],
  not_json: ["answer not JSON", "answers not JSON"],
  wrong_shape: ["answer without a records list", "answers without a records list"],
};

export const STATUS_LABEL: Record<GeneratedRecordStatus, string> = { accepted: "Accepted", pending: "Pending review", rejected: "Rejected", deleted: "Deleted" };

export const CLIP_LABEL: Record<CapReason, string> = { topic_cap: "topic cap", dataset_cap: "dataset cap" };
export const CLIP_HINT: Record<CapReason, string> = {
  topic_cap: "Clipped so that generated records stay within the maximum synthetic share of the topic",
  dataset_cap: "Clipped so that generated records stay within the maximum synthetic share of the dataset",
};

export interface GateCount {
  gate: Gate;
  label: string;
  count: number;
}

/** Every gate with the records it removed, in the order the gates run. */
export function gateCounts(gates: Partial<Record<Gate, number>> | undefined): GateCount[] {
  return GATES.map((gate) => ({ gate, label: GATE_LABEL[gate], count: gates?.[gate] ?? 0 }));
}

/** "Off topic 5 · Near duplicate 2", only the gates that removed something; "none" when none did. */
export function formatGateCounts(gates: Partial<Record<Gate, number>> | undefined): string {
  const removed = gateCounts(gates).filter((entry) => entry.count > 0);
  return removed.length === 0 ? "none" : removed.map((entry) => `${entry.label} ${formatCount(entry.count)}`).join(" · ");
}

/** Records the gates removed in all. */
export function removedByGates(gates: Partial<Record<Gate, number>> | undefined): number {
  return gateCounts(gates).reduce((sum, entry) => sum + entry.count, 0);
}

/** "2 refusals, 1 answer not JSON"; "none" when every answer could be read. */
export function formatAnswerProblems(problems: Partial<Record<AnswerProblem, number>> | undefined): string {
  const parts = ANSWER_PROBLEMS.filter((problem) => (problems?.[problem] ?? 0) > 0).map((problem) => {
    const count = problems![problem]!;
    return `${formatCount(count)} ${PROBLEM_LABEL[problem][count === 1 ? 0 : 1]}`;
  });
  return parts.length === 0 ? "none" : parts.join(", ");
}

export interface RunStateLook {
  label: string;
  tone: "info" | "good" | "warn" | "bad" | "muted";
}

/** A run that succeeded adds nothing when it accepted nothing: its badge warns rather than reassures. */
export function runStateLook(run: Pick<GenerationRun, "state" | "summary" | "review">): RunStateLook {
  switch (run.state) {
    case "running":
      return { label: "Running", tone: "info" };
    case "succeeded":
      if (acceptedNothing(run)) return { label: run.review ? "Nothing passed" : "Nothing accepted", tone: "warn" };
      return { label: "Succeeded", tone: "good" };
    case "failed":
      return { label: "Failed", tone: "bad" };
    case "cancelled":
      return { label: "Cancelled", tone: "muted" };
  }
}

/** A finished run's summary, or null while it runs (the server sends `{}` then). */
export function finishedSummary(run: Pick<GenerationRun, "summary">): GenerationSummary | null {
  const summary = run.summary;
  return summary && typeof summary.accepted === "number" && summary.gates ? (summary as GenerationSummary) : null;
}

/** A run that succeeded without accepting a single record (every answer a refusal, say). */
export function acceptedNothing(run: Pick<GenerationRun, "state" | "summary">): boolean {
  return run.state === "succeeded" && finishedSummary(run)?.accepted === 0;
}

/** A run's time as RFC 3339 text: the generation endpoints send Unix seconds, the others text. */
/** What an accept did, for the review's message: the records that joined, and why any did not. */
export function describeAcceptResult(result: AcceptResult): { tone: "good" | "warn"; text: string } {
  const accepted = `${formatCount(result.accepted)} ${result.accepted === 1 ? "record" : "records"} accepted into the dataset`;
  const left: string[] = [];
  const invalid = result.invalid.length;
  if (invalid > 0) left.push(`${formatCount(invalid)} not, as ${invalid === 1 ? "it is" : "they are"} invalid (edit and accept again)`);
  const overCap = result.over_cap?.length ?? 0;
  if (overCap > 0) {
    left.push(`${formatCount(overCap)} not, as the topic or the dataset is at its cap on synthetic data (${overCap === 1 ? "it stays" : "they stay"} as ${overCap === 1 ? "it was" : "they were"})`);
  }
  return left.length === 0 ? { tone: "good", text: `${accepted}.` } : { tone: "warn", text: `${accepted}; ${left.join("; ")}.` };
}

export function runTime(value: number | string): string {
  return typeof value === "number" ? new Date(value * 1000).toISOString() : value;
}

/** "confidence 0.98 · similarity 0.78 · record #154": what the gates measured and where it joined the dataset, only what is known. */
export function describeMeasures(item: Pick<GeneratedRecord, "confidence" | "similarity" | "record_id">): string {
  const parts: string[] = [];
  if (item.confidence !== null) parts.push(`confidence ${formatConfidence(item.confidence)}`);
  if (item.similarity !== null) parts.push(`similarity ${item.similarity.toFixed(2)}`);
  if (item.record_id !== null) parts.push(`record #${item.record_id}`);
  return parts.join(" · ");
}

/** The plan's `model_error` as a sentence: "model: name the model…" → "Name the model….". */
export function modelProblemText(message: string): string {
  const text = message.replace(/^model:\s*/, "").trim();
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
