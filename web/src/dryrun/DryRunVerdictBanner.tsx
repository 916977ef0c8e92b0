// The verdict, large: GO / CAUTION / NO-GO, what it means, and what the run was.
import type { DryRun } from "../api/gradingTypes";
import { formatCount } from "../format/numbers";
import { formatRelativeTime } from "../format/time";
import { VERDICT_LOOK, VERDICT_MEANING } from "./verdictDisplay";

/** `stale`: the inputs changed since; the verdict is shown dimmed, as history. */
export function DryRunVerdictBanner({ run, stale }: { run: DryRun; stale?: boolean }) {
  const { report } = run;
  const look = VERDICT_LOOK[report.verdict];
  const stats = report.statistics;
  return (
    <div className={`verdict-banner tone-${look.tone}${stale ? " verdict-banner-stale" : ""}`} data-testid="dry-run-verdict" data-verdict={report.verdict}>
      <div className="verdict-word">
        <span aria-hidden="true">{look.icon}</span> {look.label}
      </div>
      <div className="verdict-facts">
        <p className="verdict-meaning">{VERDICT_MEANING[report.verdict]}</p>
        <p className="muted">
          {formatCount(stats.samples)} samples ({formatCount(stats.scored)} scored) · mean {stats.mean.toFixed(2)} · std {stats.std_dev.toFixed(2)} ·{" "}
          {report.mode === "reference" ? "reference answers" : "base model"} · grader <code>{report.grader_version}</code> ·{" "}
          <span title={run.ran_at}>{formatRelativeTime(run.ran_at)}</span>
        </p>
      </div>
    </div>
  );
}
