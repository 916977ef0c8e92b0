// What a finished run's headline says, and why a run that succeeded added nothing. A cancelled or
// failed run keeps its summary but none of its records (the server writes them only when a run
// succeeds, docs/generation.md "End"), so its headline must not count them as accepted.
import { ANSWER_PROBLEMS, type AnswerProblem, type GenerationRun, type GenerationSummary } from "../api/generationTypes";
import { formatCount, formatCountOf } from "../format/numbers";
import { acceptedNothing, finishedSummary, GATE_LABEL, gateCounts, removedByGates } from "./generationDisplay";

type RunOutcomeFields = Pick<GenerationRun, "state" | "summary" | "plan" | "review">;

/**
 * "12 of 12 planned records accepted: 21 written, 9 removed by the gates, 8 calls"; for a run that
 * did not succeed, what it threw away: "Cancelled after 12 calls: nothing joined the dataset; the
 * 38 records written by then were discarded (8 had passed the gates)". Null while it runs.
 */
export function describeRunOutcome(run: RunOutcomeFields): string | null {
  const summary = finishedSummary(run);
  if (!summary) return null;
  if (run.state === "cancelled" || run.state === "failed") return describeDiscarded(run, summary);
  const planned = run.plan?.allowed ?? summary.topics.reduce((sum, topic) => sum + topic.planned, 0);
  const verb = run.review ? "passed the gates" : "accepted";
  return `${formatCount(summary.accepted)} of ${formatCount(planned)} planned records ${verb}: ${formatCount(summary.generated)} written, ${formatCount(removedByGates(summary.gates))} removed by the gates, ${formatCountOf(summary.calls, "call")}`;
}

function describeDiscarded(run: RunOutcomeFields, summary: GenerationSummary): string {
  const ended = `${run.state === "cancelled" ? "Cancelled" : "Failed"} ${summary.calls === 0 ? "before any call" : `after ${formatCountOf(summary.calls, "call")}`}`;
  const kept = run.review ? "nothing was kept for review" : "nothing joined the dataset";
  if (summary.generated === 0) return `${ended}: ${kept}.`;
  const written = summary.generated === 1 ? "the 1 record written by then was discarded" : `the ${formatCount(summary.generated)} records written by then were discarded`;
  const passed = summary.accepted > 0 ? ` (${formatCount(summary.accepted)} had passed the gates)` : "";
  return `${ended}: ${kept}; ${written}${passed}.`;
}

/** "all 5 calls", "2 of 8 answers", "the only call": a count of the run's calls (one answer each). */
type CallsPhrase = (count: number, noun: "call" | "answer") => string;

const ANSWER_CAUSE: Record<AnswerProblem, (count: number, calls: CallsPhrase) => string> = {
  refusal: (count, calls) => `the model refused ${calls(count, "call")}`,
  not_json: (count, calls) => `${calls(count, "answer")} ${count === 1 ? "was" : "were"} not JSON`,
  wrong_shape: (count, calls) => `${calls(count, "answer")} had no records list`,
};

/**
 * Why a run that succeeded accepted nothing, led by the biggest cause: "No record was accepted:
 * the model refused all 5 calls." Answer problems and failed calls lose whole calls, the gates
 * single records; the answers lead when they lost more calls than brought records back. Null when
 * the run accepted something, or has not finished.
 */
export function nothingAcceptedReason(run: Pick<GenerationRun, "state" | "summary" | "review">): string | null {
  const summary = finishedSummary(run);
  if (!summary || !acceptedNothing(run)) return null;
  const total = summary.calls;
  const calls: CallsPhrase = (count, noun) => (count < total ? `${formatCount(count)} of ${formatCount(total)} ${noun}s` : total === 1 ? `the only ${noun}` : `all ${formatCount(total)} ${noun}s`);
  const answerCauses = [
    ...ANSWER_PROBLEMS.map((problem) => ({ count: summary.answer_problems?.[problem] ?? 0, text: ANSWER_CAUSE[problem] })),
    { count: summary.failed_calls, text: (count: number, phrase: CallsPhrase) => `${phrase(count, "call")} failed` },
  ].filter((cause) => cause.count > 0);
  const lostCalls = answerCauses.reduce((sum, cause) => sum + cause.count, 0);
  const worst = answerCauses.reduce<(typeof answerCauses)[number] | null>((top, cause) => (top && top.count >= cause.count ? top : cause), null);
  const answers = worst ? worst.text(worst.count, calls) : null;

  let lead: string;
  let besides: string | null = null;
  if (summary.generated === 0) {
    lead = answers ?? (total === 0 ? "no call was made" : "the model's answers held no records");
  } else if (answers && worst!.count > total - lostCalls) {
    lead = answers;
    besides = gatesCause(summary);
  } else {
    lead = gatesCause(summary);
    besides = answers;
  }
  const verb = run.review ? "passed the gates" : "was accepted";
  return `No record ${verb}: ${lead}.${besides ? ` Besides, ${besides}.` : ""}`;
}

/** "the gates removed all 104 records written, most often as off topic (85)". */
function gatesCause(summary: GenerationSummary): string {
  const worst = gateCounts(summary.gates).reduce((top, entry) => (entry.count > top.count ? entry : top));
  const label = GATE_LABEL[worst.gate].toLowerCase();
  if (worst.count === summary.generated) return summary.generated === 1 ? `the 1 record written was removed as ${label}` : `all ${formatCount(summary.generated)} records written were removed as ${label}`;
  return `the gates removed all ${formatCount(summary.generated)} records written, most often as ${label} (${formatCount(worst.count)})`;
}
