import type { DryRunSample } from "../api/gradingTypes";

/** A sample's score, or which kind of error it had instead (never shown as a zero). */
export function SampleScore({ sample }: { sample: Pick<DryRunSample, "score" | "error_kind"> }) {
  if (sample.score === null) return <span className="badge tone-bad">{sample.error_kind === "sampling" ? "Sampling error" : "Grader error"}</span>;
  const tone = sample.score >= 0.999 ? "good" : sample.score <= 0.001 ? "bad" : "warn";
  return <span className={`badge tone-${tone} score-badge`}>{sample.score.toFixed(2)}</span>;
}
