// One sample of the dry run: the full prompt that was sent, the output (text and tool calls), the
// score or the error, the reason and the grader's logs.
import { useDryRunSample } from "../api/gradingQueries";
import { formatCount } from "../format/numbers";
import { Modal } from "../ui/Modal";
import { ErrorState, LoadingState } from "../ui/States";
import { PromptMessages } from "./PromptMessages";
import { SampleScore } from "./SampleScore";

interface SampleDetailDialogProps {
  datasetId: number;
  index: number;
  onClose: () => void;
}

export function SampleDetailDialog({ datasetId, index, onClose }: SampleDetailDialogProps) {
  const sample = useDryRunSample(datasetId, index);
  return (
    <Modal title={`Sample ${index + 1}`} size="large" onClose={onClose}>
      {sample.isPending ? (
        <LoadingState label="Loading the sample…" />
      ) : sample.isError ? (
        <ErrorState error={sample.error} onRetry={() => sample.refetch()} />
      ) : (
        <div className="sample-detail" data-testid="sample-detail">
          <div className="sample-detail-head">
            <SampleScore sample={sample.data} />
            <span className="muted">
              record #{sample.data.record_id}
              {sample.data.topic && <> · topic <code>{sample.data.topic}</code></>}
              {" · "}
              {Math.round(sample.data.latency_ms)} ms · {formatCount(sample.data.tokens)} tokens
              {sample.data.sample_index > 0 && <> · sample {sample.data.sample_index + 1} of prompt {sample.data.prompt_index + 1}</>}
            </span>
          </div>
          {sample.data.error ? (
            <section>
              <h3>{sample.data.error_kind === "sampling" ? "Sampling error" : "Grader error"}</h3>
              <pre className="code-block tone-text-bad">{sample.data.error}</pre>
            </section>
          ) : (
            <section>
              <h3>Reason</h3>
              <p>{sample.data.reason || <span className="muted">The grader gave none.</span>}</p>
            </section>
          )}
          <section>
            <h3>Prompt</h3>
            <PromptMessages messages={sample.data.prompt} />
          </section>
          <section>
            <h3>Output</h3>
            {sample.data.output_text ? <pre className="code-block sample-output-text">{sample.data.output_text}</pre> : <p className="muted">No text.</p>}
            {sample.data.tool_calls.length > 0 && <pre className="code-block">{JSON.stringify(sample.data.tool_calls, null, 2)}</pre>}
          </section>
          {sample.data.logs.length > 0 && (
            <section>
              <h3>Grader logs</h3>
              <pre className="code-block">{sample.data.logs.join("\n")}</pre>
            </section>
          )}
        </div>
      )}
    </Modal>
  );
}
