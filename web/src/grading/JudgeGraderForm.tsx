import type { JudgeGraderConfig } from "../api/gradingTypes";
import { childPath } from "./fieldErrors";
import { GraderField } from "./GraderField";
import type { GraderFormProps } from "./graderFormProps";
import { JsonSchemaField } from "./JsonSchemaField";
import { JudgeModelFields } from "./JudgeModelFields";
import { TemplateInput } from "./TemplateInput";

export function JudgeGraderForm({ config, path, onChange, onValidityChange }: GraderFormProps<JudgeGraderConfig>) {
  const [low, high] = config.score_range ?? [0, 1];
  const setRange = (index: 0 | 1, text: string) => {
    const range: [number, number] = [low, high];
    range[index] = text === "" ? 0 : Number(text);
    onChange({ ...config, score_range: range });
  };
  return (
    <div className="grader-form">
      <JudgeModelFields config={config} path={path} onChange={onChange} />
      <GraderField label="Prompt template" path={childPath(path, "prompt")} hint="click a variable to insert it">
        <TemplateInput value={config.prompt} onChange={(prompt) => onChange({ ...config, prompt })} rows={9} ariaLabel="Prompt template" />
      </GraderField>
      <JsonSchemaField
        label="Answer schema"
        path={childPath(path, "schema")}
        hint="sent as response_format json_schema (strict)"
        value={config.schema}
        onChange={(schema) => onChange({ ...config, schema })}
        onValidityChange={onValidityChange}
      />
      <div className="field-row">
        <GraderField label="Score field" path={childPath(path, "score_field")}>
          <input value={config.score_field ?? "score"} onChange={(event) => onChange({ ...config, score_field: event.target.value })} spellCheck={false} />
        </GraderField>
        <GraderField label="Reason field" path={childPath(path, "reason_field")}>
          <input value={config.reason_field ?? "reason"} onChange={(event) => onChange({ ...config, reason_field: event.target.value })} spellCheck={false} />
        </GraderField>
        <GraderField label="Score range" path={childPath(path, "score_range")} hint="rescaled to 0–1">
          <span className="range-inputs">
            <input type="number" aria-label="Lowest score" value={low} onChange={(event) => setRange(0, event.target.value)} />
            <span className="muted">to</span>
            <input type="number" aria-label="Highest score" value={high} onChange={(event) => setRange(1, event.target.value)} />
          </span>
        </GraderField>
      </div>
    </div>
  );
}
