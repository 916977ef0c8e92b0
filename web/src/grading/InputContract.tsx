// What a script's grade(input) receives and must return (docs/graders.md), beside the code.
const SAMPLE_FIELDS: [string, string][] = [
  ["output_text", "the answer's text; \"\" when it is only tool calls"],
  ["output_json", "output_text parsed as JSON, or null"],
  ["tool_calls", "[{id, name, arguments}], arguments parsed from JSON"],
  ["finish_reason", "stop, tool_calls, length, …"],
];

const ITEM_FIELDS: [string, string][] = [
  ["messages", "the prompt: the record's messages before the reference answer"],
  ["tools", "the record's tool definitions ([] when none)"],
  ["reference", "the reference answer, shaped like input.sample (or the record's own reference field)"],
  ["<field>", "every other top-level field of the record: metadata, labels, …"],
];

function FieldTable({ prefix, fields }: { prefix: string; fields: [string, string][] }) {
  return (
    <dl className="contract-fields">
      {fields.map(([name, meaning]) => (
        <div key={name}>
          <dt>
            <code>
              {prefix}.{name}
            </code>
          </dt>
          <dd>{meaning}</dd>
        </div>
      ))}
    </dl>
  );
}

export function InputContract() {
  return (
    <div className="input-contract" data-testid="input-contract">
      <h3>input.sample — the answer being graded</h3>
      <FieldTable prefix="input.sample" fields={SAMPLE_FIELDS} />
      <h3>input.item — the record</h3>
      <FieldTable prefix="input.item" fields={ITEM_FIELDS} />
      <p>
        <code>input.objective</code> — the dataset's objective.
      </p>
      <h3>Return</h3>
      <p>
        A number in [0, 1], or <code>{"{ score, reason }"}</code>. <code>console.log</code> lines show in the test results.
      </p>
      <p className="muted">
        A throw, a timeout, or a score that is not a finite number in [0, 1] is a <strong>grader error</strong>, counted apart from a zero. No
        files, network, timers, <code>eval</code> or <code>require</code>.
      </p>
    </div>
  );
}
