import type { DryRunSample } from "../api/gradingTypes";

const ERROR_LABEL: Record<string, string> = { sampling: "Sampling error", grader: "Grader error" };

/**
 * A sample's score, or the error it had instead (never shown as a zero): which kind when the
 * sample says (a dry run's), "Error" otherwise (a benchmark's), with the message as its title.
 */
export function SampleScore({ sample }: { sample: Pick<DryRunSample, "score"> & { error_kind?: DryRunSample["error_kind"]; error?: string } }) {
  if (sample.score === null) {
    const label = sample.error_kind === undefined ? "Error" : (ERROR_LABEL[sample.error_kind] ?? "Grader error");
    return (
      <span className="badge tone-bad" title={sample.error || undefined}>
        {label}
      </span>
    );
  }
  const tone = sample.score >= 0.999 ? "good" : sample.score <= 0.001 ? "bad" : "warn";
  return <span className={`badge tone-${tone} score-badge`}>{sample.score.toFixed(2)}</span>;
}
