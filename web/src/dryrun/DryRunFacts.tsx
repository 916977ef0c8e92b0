// Errors, tokens, disagreement (k > 1) and time of a run: the figures beside the verdict.
import type { DryRunReport } from "../api/gradingTypes";
import { formatCount, formatDollars } from "../format/numbers";
import { formatShare } from "./verdictDisplay";

export function DryRunFacts({ report }: { report: DryRunReport }) {
  const stats = report.statistics;
  return (
    <dl className="figures dry-run-facts" data-testid="dry-run-facts">
      <div>
        <dt>Grader errors</dt>
        <dd className={stats.grader_errors > 0 ? "tone-text-bad" : undefined}>
          {formatCount(stats.grader_errors)} <span className="muted">({formatShare(stats.grader_error_rate)})</span>
        </dd>
      </div>
      <div>
        <dt>Sampling errors</dt>
        <dd className={stats.sampling_errors > 0 ? "tone-text-bad" : undefined}>{formatCount(stats.sampling_errors)}</dd>
      </div>
      {stats.disagreement_share !== null && (
        <div title="Share of prompts whose k samples score differently: what group-based RL learns from">
          <dt>Prompts that disagree</dt>
          <dd>{formatShare(stats.disagreement_share)}</dd>
        </div>
      )}
      <div>
        <dt>Tokens</dt>
        <dd>
          {formatCount(stats.prompt_tokens + stats.completion_tokens)}
          {stats.judge_tokens > 0 && <span className="muted"> + {formatCount(stats.judge_tokens)} judge</span>}
        </dd>
      </div>
      {stats.cost_usd !== null && (
        <div title={stats.price ? `At $${stats.price.input_per_million} in and $${stats.price.output_per_million} out per million tokens; the judge's tokens are not included` : undefined}>
          <dt>Cost</dt>
          <dd>{formatDollars(stats.cost_usd)}</dd>
        </div>
      )}
      <div>
        <dt>Took</dt>
        <dd>{report.wall_ms < 10_000 ? `${(report.wall_ms / 1000).toFixed(1)} s` : `${Math.round(report.wall_ms / 1000)} s`}</dd>
      </div>
    </dl>
  );
}
