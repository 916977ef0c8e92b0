// The five graded records of a test sample: what was asked, what was graded (the reference
// answer or the base model's fresh sample, as the line above them says), the score or the error
// (a sampling failure too), the reason and the script's logs.
import type { GraderTest, GraderTestResult } from "../api/gradingTypes";
import { formatRelativeTime } from "../format/time";
import { describeTestSource } from "./testSample";
import { testHeadline } from "./testHeadline";

function ScoreBadge({ result }: { result: GraderTestResult }) {
  if (result.score === null) return <span className="badge tone-bad">Error</span>;
  const tone = result.score >= 0.999 ? "good" : result.score <= 0.001 ? "bad" : "warn";
  return <span className={`badge tone-${tone} score-badge`}>{result.score.toFixed(2)}</span>;
}

/** `compact` (the step detail): the headline is shown by the caller, and logs are left out. */
export function TestResultList({ test, compact }: { test: GraderTest; compact?: boolean }) {
  return (
    <div className="test-results" data-testid="test-results">
      {!compact && (
        <p className={test.errors > 0 ? "test-results-summary tone-text-bad" : "test-results-summary"}>
          <strong>{testHeadline(test)}</strong>
          <span className="muted" title={test.ran_at}>
            {" · "}
            {formatRelativeTime(test.ran_at)}
          </span>
        </p>
      )}
      <p className="muted test-results-source" data-testid="test-results-source">
        {describeTestSource(test)}
      </p>
      <ol className="test-result-list">
        {test.results.map((result, index) => (
          <li key={`${result.record_id}-${index}`} className={result.score === null ? "test-result test-result-error" : "test-result"} data-testid="test-result">
            <div className="test-result-head">
              <ScoreBadge result={result} />
              <span className="test-result-preview" title={result.preview}>
                {result.preview || <span className="muted">(no user message)</span>}
              </span>
              <span className="muted test-result-latency">{result.latency_ms < 0.1 ? "< 0.1" : result.latency_ms.toFixed(1)} ms</span>
            </div>
            <div className="test-result-output">
              <span className="muted">Output </span>
              {result.output_text ? <q>{result.output_text}</q> : <span className="muted">(only tool calls)</span>}
            </div>
            {result.error ? (
              <p className="test-result-error-text" data-testid="test-result-error">
                {result.error}
              </p>
            ) : (
              result.reason && <p className="test-result-reason">{result.reason}</p>
            )}
            {result.logs.length > 0 && !compact && (
              <pre className="test-result-logs" aria-label="Logs">
                {result.logs.join("\n")}
              </pre>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
