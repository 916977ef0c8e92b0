// One model's answer in the playground: the text as it streams, its tool calls, then latency,
// tokens and the grade (score and reason, or why the grader could not score); an error instead
// when the side failed.
import { SampleScore } from "../dryrun/SampleScore";
import { formatLatency } from "../deploy/deployDisplay";
import { formatUsage, type GradeState, type SideState } from "./playgroundSide";

const PHASE_NOTE: Record<SideState["phase"], string> = {
  idle: "",
  streaming: "Streaming…",
  done: "",
  failed: "Failed",
  stopped: "Stopped",
};

function Grade({ grade }: { grade: GradeState }) {
  switch (grade.phase) {
    case "none":
      return null;
    case "grading":
      return <p className="muted playground-grade">Grading…</p>;
    case "failed":
      return <p className="tone-text-bad playground-grade">The grade could not be had: {grade.error}</p>;
    case "graded":
      // No score and no error: the grader could not grade this answer (it needs a reference
      // answer), which is no failure of the model's.
      if (grade.grade.score === null && !grade.grade.error)
        return (
          <div className="playground-grade" data-testid="playground-grade" data-score="">
            <span className="badge tone-muted">Not graded</span>
            <span className="muted">{grade.grade.reason || "The grader gave no score."}</span>
          </div>
        );
      return (
        <div className="playground-grade" data-testid="playground-grade" data-score={grade.grade.score ?? ""}>
          <SampleScore sample={{ score: grade.grade.score, error: grade.grade.error ?? undefined }} />
          <span className={grade.grade.score === null ? "tone-text-bad" : "muted"}>
            {grade.grade.score === null ? grade.grade.error || grade.grade.reason || "The grader gave no score." : grade.grade.reason || "The grader gave no reason."}
          </span>
        </div>
      );
  }
}

export function PlaygroundAnswer({ label, model, side }: { label: string; model: string; side: SideState }) {
  const { answer } = side;
  const ended = side.phase === "done" || side.phase === "failed" || side.phase === "stopped";
  return (
    <section className={`playground-answer playground-${side.phase}`} data-testid="playground-answer" data-side={label.toLowerCase()} data-phase={side.phase} aria-label={`${label} answer`}>
      <header className="playground-answer-head">
        <h3>
          {label}: <code>{model || "—"}</code>
        </h3>
        {PHASE_NOTE[side.phase] && <span className={side.phase === "failed" ? "badge tone-bad" : "badge tone-info"}>{PHASE_NOTE[side.phase]}</span>}
      </header>
      <div className="playground-answer-body">
        {side.phase === "idle" ? (
          <p className="muted">The answer streams here when you send.</p>
        ) : (
          <>
            {(answer.content || side.phase === "streaming") && (
              <pre className="playground-text" data-testid="playground-text">
                {answer.content}
                {side.phase === "streaming" && <span className="playground-caret" aria-hidden="true" />}
              </pre>
            )}
            {answer.toolCalls.length > 0 && (
              <ul className="playground-tool-calls">
                {answer.toolCalls.map((call, index) => (
                  <li key={index}>
                    <code>
                      {call.function.name}({call.function.arguments})
                    </code>
                  </li>
                ))}
              </ul>
            )}
            {ended && !answer.content && answer.toolCalls.length === 0 && side.phase !== "failed" && <p className="muted">No text and no tool call.</p>}
            {side.error && (
              <p className="form-error playground-error" role="alert" data-testid="playground-error">
                {side.error}
              </p>
            )}
          </>
        )}
      </div>
      {ended && (
        <footer className="playground-answer-foot">
          <dl className="playground-facts">
            <div>
              <dt>Latency</dt>
              <dd data-testid="playground-latency">{formatLatency(side.latencyMs)}</dd>
            </div>
            <div>
              <dt>Tokens</dt>
              <dd data-testid="playground-tokens">{formatUsage(answer)}</dd>
            </div>
            {answer.finishReason && (
              <div>
                <dt>Finish</dt>
                <dd>{answer.finishReason}</dd>
              </div>
            )}
          </dl>
          <Grade grade={side.grade} />
        </footer>
      )}
    </section>
  );
}
