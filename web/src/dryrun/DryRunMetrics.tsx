// The three metrics of the verdict table, each with the server's verdict and the thresholds.
import type { DryRunReport, DryRunVerdict } from "../api/gradingTypes";
import { StatusBadge } from "../ui/StatusBadge";
import { metricRows, VERDICT_LOOK } from "./verdictDisplay";

const ORDER: DryRunVerdict[] = ["GO", "CAUTION", "NO-GO"];

export function DryRunMetrics({ report }: { report: DryRunReport }) {
  return (
    <div className="dry-run-metrics" data-testid="dry-run-metrics">
      {metricRows(report).map((row) => (
        <div key={row.key} className={`metric-card tone-${VERDICT_LOOK[row.verdict].tone}`} data-metric={row.key} data-verdict={row.verdict}>
          <div className="metric-head">
            <span className="metric-label">{row.label}</span>
            <StatusBadge look={VERDICT_LOOK[row.verdict]} />
          </div>
          <div className="metric-value">{row.value}</div>
          <ul className="metric-thresholds" aria-label={`${row.label} thresholds`}>
            {ORDER.map((verdict) => (
              <li key={verdict} className={verdict === row.verdict ? `metric-threshold-current tone-text-${VERDICT_LOOK[verdict].tone}` : undefined}>
                <span>{verdict}</span> {row.thresholds[verdict]}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
