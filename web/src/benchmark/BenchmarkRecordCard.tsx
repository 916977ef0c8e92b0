// One held-out record of a benchmark: its prompt, its outcome and difference, and both models'
// answers side by side.
import type { Benchmark, BenchmarkRecordSamples } from "../api/benchmarksTypes";
import type { ChatMessage } from "../api/gradingTypes";
import { PromptMessages } from "../dryrun/PromptMessages";
import { formatSignedScore } from "../format/scores";
import { OUTCOME_LABEL, OUTCOME_TONE } from "./benchmarkDisplay";
import { BenchmarkSideSamples } from "./BenchmarkSideSamples";

interface BenchmarkRecordCardProps {
  benchmark: Benchmark;
  record: BenchmarkRecordSamples;
  topicLabel: string | null;
}

export function BenchmarkRecordCard({ benchmark, record, topicLabel }: BenchmarkRecordCardProps) {
  return (
    <li className="benchmark-record" data-testid="benchmark-record" data-outcome={record.outcome ?? ""} data-record={record.record_id}>
      <div className="benchmark-record-head">
        {record.outcome && record.outcome !== "unpaired" ? (
          <span className={`badge tone-${OUTCOME_TONE[record.outcome]}`}>{OUTCOME_LABEL[record.outcome]}</span>
        ) : (
          <span className="badge tone-muted" title="A model's samples all failed: the record is left out of the figures">
            Not paired
          </span>
        )}
        <strong className="benchmark-record-difference" title="tuned − base">
          {formatSignedScore(record.difference)}
        </strong>
        <span className="benchmark-record-preview" title={record.preview}>
          {record.preview || <span className="muted">(no user message)</span>}
        </span>
        <span className="muted benchmark-record-meta">
          record #{record.record_id}
          {topicLabel && <> · {topicLabel}</>}
        </span>
      </div>
      {record.prompt.length > 0 && (
        <details className="benchmark-record-prompt">
          <summary>Prompt ({record.prompt.length} messages)</summary>
          <PromptMessages messages={record.prompt as ChatMessage[]} />
        </details>
      )}
      <div className="benchmark-sides">
        <BenchmarkSideSamples label="Base" model={benchmark.base_model} side={record.base} />
        <BenchmarkSideSamples label="Tuned" model={benchmark.tuned_model} side={record.tuned} />
      </div>
    </li>
  );
}
