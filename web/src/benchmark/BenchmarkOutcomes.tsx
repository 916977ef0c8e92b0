// The paired difference with its interval and, in plain words, whether it is conclusive; then
// how the records split: tuned wins, ties, base wins.
import type { BenchmarkReport } from "../api/benchmarksTypes";
import { formatCount } from "../format/numbers";
import { formatRelativeChange } from "../format/scores";
import { benchmarkConclusion, formatDifference, OUTCOME_LABEL, OUTCOME_TONE, outcomeShares } from "./benchmarkDisplay";

export function BenchmarkOutcomes({ report }: { report: BenchmarkReport }) {
  const conclusion = benchmarkConclusion(report.difference);
  const shares = outcomeShares(report.outcomes);
  const relative = formatRelativeChange(report.difference.relative);
  return (
    <div className="benchmark-outcomes" data-testid="benchmark-difference">
      <dl className="figures benchmark-difference">
        <div>
          <dt>Paired difference</dt>
          <dd>
            {formatDifference(report.difference)}
            {relative && <span className="muted"> ({relative})</span>}
          </dd>
        </div>
        <div>
          <dt>Conclusion</dt>
          <dd className={`tone-text-${conclusion.tone}`} data-testid="benchmark-conclusion">
            {conclusion.text}
          </dd>
        </div>
      </dl>
      <p className="muted detail-note">
        Tuned − base per record, averaged; conclusive when its 95% interval leaves out 0.
      </p>
      <div className="outcome-bar" role="img" aria-label={shares.map((part) => `${OUTCOME_LABEL[part.outcome]}: ${part.count}`).join(", ")}>
        {shares.map((part) =>
          part.count > 0 ? <span key={part.outcome} className={`outcome-segment tone-${OUTCOME_TONE[part.outcome]}`} style={{ flexGrow: part.share }} /> : null,
        )}
      </div>
      <ul className="outcome-legend" data-testid="benchmark-outcomes">
        {shares.map((part) => (
          <li key={part.outcome} data-outcome={part.outcome}>
            <span className={`outcome-swatch tone-${OUTCOME_TONE[part.outcome]}`} aria-hidden="true" />
            {OUTCOME_LABEL[part.outcome]} <strong>{formatCount(part.count)}</strong>
            <span className="muted"> ({Math.round(part.share * 100)}%)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
