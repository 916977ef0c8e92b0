// One model's answers to a record in a benchmark: the record's mean, then each of its k samples
// with its score (or error), output, reason, latency and tokens.
import type { BenchmarkSide } from "../api/benchmarksTypes";
import { SampleScore } from "../dryrun/SampleScore";
import { formatCount } from "../format/numbers";
import { formatScore } from "../format/scores";
import { formatLatency } from "../deploy/deployDisplay";

export function BenchmarkSideSamples({ label, model, side }: { label: string; model: string; side: BenchmarkSide }) {
  return (
    <div className="benchmark-side" data-side={label.toLowerCase()}>
      <div className="benchmark-side-head">
        <strong>{label}</strong> <code className="benchmark-model-name">{model}</code>
        <span className="spacer" />
        <span className="muted">mean</span> <strong className="benchmark-side-mean">{formatScore(side.mean)}</strong>
      </div>
      {side.samples.length === 0 ? (
        <p className="muted detail-note">No sample.</p>
      ) : (
        <ol className="benchmark-samples-list">
          {side.samples.map((sample, index) => (
            <li key={index} className={sample.error ? "benchmark-sample benchmark-sample-error" : "benchmark-sample"}>
              <div className="benchmark-sample-head">
                <SampleScore sample={sample} />
                {side.samples.length > 1 && <span className="muted">sample {index + 1}</span>}
                <span className="spacer" />
                <span className="muted benchmark-sample-facts">
                  {formatLatency(sample.latency_ms)} · {sample.tokens > 0 ? `${formatCount(sample.tokens)} tokens` : "— tokens"}
                </span>
              </div>
              {sample.output_text ? <pre className="benchmark-output">{sample.output_text}</pre> : sample.tool_calls.length === 0 && <p className="muted benchmark-output-empty">No text.</p>}
              {sample.tool_calls.length > 0 && <pre className="benchmark-output">{JSON.stringify(sample.tool_calls, null, 2)}</pre>}
              {sample.error ? <p className="tone-text-bad benchmark-sample-reason">{sample.error}</p> : sample.reason && <p className="muted benchmark-sample-reason">{sample.reason}</p>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
