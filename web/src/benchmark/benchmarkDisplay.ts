// How a benchmark reads: the paired difference in plain words, the win/tie/loss split, a past
// benchmark's state in a line. Whether a difference is conclusive is the server's; these only say it.
import type { Benchmark, BenchmarkDifference, BenchmarkOutcome, BenchmarkReport } from "../api/benchmarksTypes";
import { formatCount, formatProgress } from "../format/numbers";
import { formatInterval, formatSignedScore } from "../format/scores";

export interface Conclusion {
  text: string;
  tone: "good" | "bad" | "muted";
}

/** "Tuned is better", "Tuned is worse" or "No conclusive difference", from the server's `conclusive`. */
export function benchmarkConclusion(difference: Pick<BenchmarkDifference, "mean" | "conclusive">): Conclusion {
  if (!difference.conclusive || difference.mean === 0) return { text: "No conclusive difference", tone: "muted" };
  return difference.mean > 0 ? { text: "Tuned is better", tone: "good" } : { text: "Tuned is worse", tone: "bad" };
}

/** "+0.22 [0.15, 0.29]": the mean paired difference with its interval. */
export function formatDifference(difference: Pick<BenchmarkDifference, "mean" | "ci">): string {
  return `${formatSignedScore(difference.mean)} ${formatInterval(difference.ci)}`;
}

export const OUTCOME_LABEL: Record<BenchmarkOutcome, string> = { win: "Tuned wins", tie: "Tie", loss: "Base wins" };
export const OUTCOME_TONE: Record<BenchmarkOutcome, "good" | "muted" | "bad"> = { win: "good", tie: "muted", loss: "bad" };
export const OUTCOMES: BenchmarkOutcome[] = ["win", "tie", "loss"];

export interface OutcomeShare {
  outcome: BenchmarkOutcome;
  count: number;
  /** Of the paired records, in [0, 1]. */
  share: number;
}

/** Each outcome's count and share of the paired records, for the bar and its legend. */
export function outcomeShares(outcomes: BenchmarkReport["outcomes"]): OutcomeShare[] {
  const total = outcomes.win + outcomes.tie + outcomes.loss;
  return OUTCOMES.map((outcome) => ({ outcome, count: outcomes[outcome], share: total > 0 ? outcomes[outcome] / total : 0 }));
}

/** A past benchmark in a few words: its headline once done, else where its job is. */
export function benchmarkState(benchmark: Pick<Benchmark, "job" | "report">): { text: string; tone: "good" | "bad" | "muted" | "info" } {
  if (benchmark.report) return { text: benchmark.report.headline || "Done", tone: benchmarkConclusion(benchmark.report.difference).tone };
  const job = benchmark.job;
  switch (job?.state) {
    case "queued":
      return { text: "Queued", tone: "info" };
    case "running":
      return { text: `Running ${formatProgress(job.progress)}`, tone: "info" };
    case "failed":
      return { text: `Failed: ${job.error ?? "no reason given"}`, tone: "bad" };
    case "cancelled":
      return { text: "Cancelled", tone: "muted" };
    default:
      return { text: "No report", tone: "muted" };
  }
}

/** "60 records · k = 2 · 4.2 s". */
export function describeBenchmarkSize(report: Pick<BenchmarkReport, "records" | "k" | "wall_ms">): string {
  const took = report.wall_ms < 10_000 ? `${(report.wall_ms / 1000).toFixed(1)} s` : `${Math.round(report.wall_ms / 1000)} s`;
  return `${formatCount(report.records)} paired records · k = ${report.k} · took ${took}`;
}
