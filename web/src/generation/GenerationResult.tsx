// A finished generation run: how it ended, its records per topic against the plan, what each gate
// removed, answers the model got wrong, tokens and cost; Review opens its records.
import type { GenerationRun } from "../api/generationTypes";
import { formatCount, formatDollars } from "../format/numbers";
import { formatRelativeTime } from "../format/time";
import { finishedSummary, formatAnswerProblems, formatGateCounts, GATE_HINT, gateCounts, runStateLook, runTime } from "./generationDisplay";
import { RunCounts } from "./RunCounts";
import { describeRunOutcome, nothingAcceptedReason } from "./runOutcome";

interface GenerationResultProps {
  run: GenerationRun;
  labels: ReadonlyMap<string, string>;
  onReview: () => void;
}

export function GenerationResult({ run, labels, onReview }: GenerationResultProps) {
  const look = runStateLook(run);
  const summary = finishedSummary(run);
  const outcome = describeRunOutcome(run);
  const nothingAccepted = nothingAcceptedReason(run);
  const created = runTime(run.created_at);
  return (
    <div className="generation-result" data-testid="generation-result" data-run={run.id}>
      <div className="generation-result-head">
        <span className={`badge tone-${look.tone}`}>{look.label}</span>
        <strong>Run #{run.id}</strong>
        <code>{run.model}</code>
        <span className="muted" title={created}>
          {formatRelativeTime(created)}
        </span>
        <span className="spacer" />
        <RunCounts counts={run.counts} />
        <button type="button" className={run.counts.pending > 0 ? "button button-small button-primary" : "button button-small"} onClick={onReview} data-testid="generation-review">
          Review records…
        </button>
      </div>
      {outcome && (
        <p className="generation-outcome" data-testid="generation-outcome">
          {outcome}
        </p>
      )}
      {run.error && (
        <p className="notice tone-bad" role="alert">
          The run {run.state === "cancelled" ? "was cancelled" : "failed"}: {run.error}
        </p>
      )}
      {nothingAccepted && (
        <p className="notice tone-warn" role="status" data-testid="generation-nothing-accepted">
          {nothingAccepted}
        </p>
      )}
      {/* A run cancelled before it wrote its summary (a restart, say) has no outcome line to say so. */}
      {run.state === "cancelled" && !run.error && !outcome && <p className="muted detail-note">Cancelled: nothing it wrote joined the dataset.</p>}
      {run.counts.pending > 0 && (
        <p className="notice tone-info">
          {formatCount(run.counts.pending)} {run.counts.pending === 1 ? "record waits" : "records wait"} for your review before joining the dataset.
        </p>
      )}
      {summary && (
        <>
          <div className="generation-result-grid">
            <div className="table-card">
              <table className="table generation-topics" aria-label="Records per topic">
                <thead>
                  <tr>
                    <th>Topic</th>
                    {/* A run that did not succeed discarded what passed: none of it was accepted. */}
                    <th className="numeric col-accepted">{run.review || run.state !== "succeeded" ? "Passed" : "Accepted"} / planned</th>
                    <th className="numeric col-calls">Calls</th>
                    <th className="col-gates">Removed by the gates</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.topics.map((topic) => (
                    <tr key={topic.topic} data-topic={topic.topic}>
                      <td className="generation-topic-name" title={labels.get(topic.topic) ?? topic.name}>
                        {labels.get(topic.topic) ?? topic.name}
                      </td>
                      <td className={`numeric${topic.accepted < topic.planned ? " tone-text-warn" : ""}`}>
                        {formatCount(topic.accepted)} / {formatCount(topic.planned)}
                      </td>
                      <td className="numeric">{formatCount(topic.calls)}</td>
                      <td className="generation-topic-gates">{formatGateCounts(topic.rejected)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="generation-gates-card">
              <p className="generation-gates-title">Removed by each gate</p>
              <dl className="generation-gates" aria-label="Records each gate removed" data-testid="generation-gates">
                {gateCounts(summary.gates).map((entry) => (
                  <div key={entry.gate} className={entry.count === 0 ? "generation-gate-none" : undefined} title={GATE_HINT[entry.gate]} data-gate={entry.gate}>
                    <dt>{entry.label}</dt>
                    <dd>{formatCount(entry.count)}</dd>
                  </div>
                ))}
              </dl>
            </div>
          </div>
          <dl className="generation-facts">
            <div>
              <dt>Answer problems</dt>
              <dd data-testid="generation-answer-problems">{formatAnswerProblems(summary.answer_problems)}</dd>
            </div>
            <div>
              <dt>Failed calls</dt>
              <dd className={summary.failed_calls > 0 ? "tone-text-bad" : undefined}>
                {formatCount(summary.failed_calls)} of {formatCount(summary.calls)}
              </dd>
            </div>
            <div>
              <dt>Tokens</dt>
              <dd data-testid="generation-tokens">
                {formatCount(summary.tokens.prompt)} prompt + {formatCount(summary.tokens.completion)} completion
              </dd>
            </div>
            <div>
              <dt>Cost</dt>
              <dd data-testid="generation-cost">{summary.cost_usd === null ? <span className="muted">no price given</span> : formatDollars(summary.cost_usd)}</dd>
            </div>
            <div>
              <dt>Time</dt>
              <dd>{(summary.wall_ms / 1000).toFixed(1)} s</dd>
            </div>
          </dl>
          {summary.last_call_error && <p className="muted detail-note">Last failed call: {summary.last_call_error}</p>}
        </>
      )}
    </div>
  );
}
