// How an A/B test's online comparison reads: the score difference with its interval and, in
// words, whether it is conclusive or how many more graded calls it would take; the error-rate
// difference; online scoring's and the guard's state; a rollback by the guard. The figures and
// the conclusiveness are the server's; these only say them.
import type { ArmDifference, DeploymentArm, DeploymentArmName, DeploymentGuard, DeploymentHistoryEntry, OnlineScoring, ScoreDifference } from "../api/deploymentsTypes";
import { formatCount } from "../format/numbers";
import { formatInterval, formatRateInterval, formatRatePoints, formatSignedScore } from "../format/scores";
import { formatShare } from "./deployDisplay";

export interface Reading {
  text: string;
  tone: "good" | "bad" | "warn" | "muted";
}

/** "Tuned +0.12 [0.05, 0.19], conclusive" or "…, not conclusive yet: about 40 more graded calls per arm, ~800 calls". */
export function describeScoreComparison(score: ScoreDifference | null | undefined): Reading {
  if (!score || score.difference === null) return { text: "No score comparison yet: it needs two graded calls in each arm.", tone: "muted" };
  const figures = `Tuned ${formatSignedScore(score.difference)} ${formatInterval(score.ci)}`.trim();
  if (score.conclusive) return { text: `${figures}, conclusive`, tone: score.difference > 0 ? "good" : "bad" };
  if (score.more_graded_per_arm === null) return { text: `${figures}, not conclusive: no difference seen so far`, tone: "muted" };
  const calls = score.more_calls !== null ? `, ~${formatCount(score.more_calls)} calls` : "";
  return { text: `${figures}, not conclusive yet: about ${formatCount(score.more_graded_per_arm)} more graded calls per arm${calls}`, tone: "muted" };
}

/** "Error rate +0.2 pp [−0.4, 0.8], not conclusive"; more errors in the tuned arm is the bad direction. */
export function describeErrorRateComparison(errorRate: ArmDifference | null | undefined): Reading {
  if (!errorRate || errorRate.difference === null) return { text: "No error-rate comparison yet: it needs a call in each arm.", tone: "muted" };
  // An interval of nothing but 0: the arms have the same rate with no spread (no error at all, usually).
  const noSpread = errorRate.ci !== null && errorRate.ci.every((end) => Math.round(end * 1000) === 0);
  if (noSpread) return { text: "Error rate: the same in both arms (±0 pp).", tone: "muted" };
  const figures = `Error rate ${formatRatePoints(errorRate.difference)} ${formatRateInterval(errorRate.ci)}`.trim();
  if (!errorRate.conclusive) return { text: `${figures}, not conclusive`, tone: "muted" };
  return { text: `${figures}, conclusive`, tone: errorRate.difference > 0 ? "bad" : "good" };
}

/** Whether and how much is graded online; null for a deployment that predates online scoring. */
export function describeOnlineScoring(scoring: OnlineScoring | null | undefined): Reading | null {
  if (!scoring) return null;
  if (scoring.eligible === false) return { text: `Not graded online: ${scoring.reason || "the dataset's grader cannot grade live traffic."}`, tone: "warn" };
  if (scoring.share <= 0) return { text: "Online scoring is off.", tone: "muted" };
  const grader = scoring.grader_version ? ` with grader ${scoring.grader_version}` : "";
  return { text: `${formatShare(scoring.share)} of each arm's calls graded online${grader}.`, tone: "muted" };
}

/** The fewest of the two arms: what the guard waits on. */
function fewest(arms: Partial<Record<DeploymentArmName, DeploymentArm>>, count: (arm: DeploymentArm) => number): number {
  return Math.min(count(arms.base ?? EMPTY_ARM), count(arms.tuned ?? EMPTY_ARM));
}

const EMPTY_ARM: DeploymentArm = { calls: 0, errors: 0, error_rate: 0, prompt_tokens: 0, completion_tokens: 0, latency_ms: { p50: null, p95: null } };

/** "Guard on: …errors compared after 100 calls per arm (now 12), scores after 30 graded (now 3)". */
export function describeGuard(guard: DeploymentGuard | null | undefined, arms: Partial<Record<DeploymentArmName, DeploymentArm>>): Reading | null {
  if (!guard) return null;
  if (!guard.enabled) return { text: "Guard off: only a person rolls this deployment back.", tone: "muted" };
  const calls = fewest(arms, (arm) => arm.calls);
  const graded = fewest(arms, (arm) => arm.score?.graded ?? 0);
  return {
    text:
      `Guard on: rolls back by itself if the tuned arm is worse beyond the ${Math.round((guard.confidence ?? 0.95) * 100)}% bound — error rates compared from ${formatCount(guard.min_calls)} calls per arm ` +
      `(now ${formatCount(calls)}), scores from ${formatCount(guard.min_scores)} graded calls per arm (now ${formatCount(graded)}).`,
    tone: "muted",
  };
}

/** The guard's reason for rolling a deployment back, from its history; null when a person did it or it is active. */
export function guardRollbackReason(history: DeploymentHistoryEntry[]): string | null {
  const entry = [...history].reverse().find((candidate) => candidate.action === "rolled_back" && typeof candidate.reason === "string" && candidate.reason.startsWith("guard"));
  return entry?.reason ?? null;
}

const ACTION_LABEL: Record<string, string> = {
  deployed: "Deployed",
  promoted: "Promoted to all callers",
  rolled_back: "Rolled back",
  options_changed: "Online scoring or guard changed",
};

/** A history entry's action in words: "Rolled back by the guard" when its reason says so. */
export function describeHistoryAction(entry: DeploymentHistoryEntry): string {
  if (entry.action === "rolled_back" && entry.reason?.startsWith("guard")) return "Rolled back by the guard";
  return ACTION_LABEL[entry.action] ?? entry.action.replace(/_/g, " ");
}
