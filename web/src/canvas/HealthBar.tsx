import type { Health } from "../api/types";
import { formatCount, formatPercent } from "../format/numbers";

interface HealthBarProps {
  health: Health;
  onViewIssues: () => void;
}

/** Always-visible validation summary; the figures are the server's health report. */
export function HealthBar({ health, onViewIssues }: HealthBarProps) {
  const warnings = Object.values(health.warnings).reduce((sum, count) => sum + count, 0);
  const hasIssues = health.invalid > 0 || warnings > 0;
  return (
    <section className="health-bar" aria-label="Health" data-testid="health-bar">
      <span className="health-label">Health</span>
      <span className="health-valid">
        <span aria-hidden="true">✓</span> <strong data-testid="health-valid">{formatCount(health.valid)}</strong> valid
      </span>
      <span className="health-sep" aria-hidden="true">
        ·
      </span>
      <span className={health.invalid > 0 ? "health-invalid" : "health-invalid health-zero"}>
        <span aria-hidden="true">⚠</span> <strong data-testid="health-invalid">{formatCount(health.invalid)}</strong> invalid ({formatPercent(health.invalid_percent)})
      </span>
      {warnings > 0 && (
        <span className="health-warnings muted">
          {formatCount(warnings)} warning{warnings === 1 ? "" : "s"}
        </span>
      )}
      <span className="spacer" />
      <button type="button" className="button button-small" onClick={onViewIssues} disabled={!hasIssues && health.total === 0}>
        {hasIssues ? "View issues" : "No issues"}
      </button>
    </section>
  );
}
