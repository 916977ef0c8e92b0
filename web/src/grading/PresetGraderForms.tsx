// The presets' parameters as forms (docs/graders.md, "Presets").
import type {
  ContainsConfig,
  ExactMatchConfig,
  JsonGraderConfig,
  JudgeRubricConfig,
  RegexConfig,
  SimilarityConfig,
  SimilarityMetric,
  ToolUsageConfig,
} from "../api/gradingTypes";
import { childPath } from "./fieldErrors";
import { GraderField } from "./GraderField";
import type { GraderFormProps } from "./graderFormProps";
import { JsonSchemaField } from "./JsonSchemaField";
import { JudgeModelFields } from "./JudgeModelFields";
import { TemplateInput } from "./TemplateInput";

function Checkbox({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: string }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span>
        {label}
        {hint && <span className="muted"> · {hint}</span>}
      </span>
    </label>
  );
}

function InputTemplateField<C extends ExactMatchConfig | ContainsConfig | RegexConfig | SimilarityConfig>({ config, path, onChange, label = "Compare" }: GraderFormProps<C> & { label?: string }) {
  return (
    <GraderField label={label} path={childPath(path, "input")} hint="a template; usually the answer">
      <TemplateInput singleLine value={config.input ?? "{{sample.output_text}}"} onChange={(input) => onChange({ ...config, input })} showVariables={false} />
    </GraderField>
  );
}

export function ExactMatchForm(props: GraderFormProps<ExactMatchConfig>) {
  const { config, path, onChange } = props;
  return (
    <div className="grader-form">
      <InputTemplateField {...props} />
      <GraderField label="With" path={childPath(path, "reference")} hint="a template">
        <TemplateInput singleLine value={config.reference ?? "{{reference}}"} onChange={(reference) => onChange({ ...config, reference })} />
      </GraderField>
      <Checkbox label="Case sensitive" checked={config.case_sensitive ?? true} onChange={(case_sensitive) => onChange({ ...config, case_sensitive })} />
      <Checkbox label="Trim spaces first" checked={config.trim ?? true} onChange={(trim) => onChange({ ...config, trim })} hint="OpenAI's string_check does not trim" />
    </div>
  );
}

export function ContainsForm(props: GraderFormProps<ContainsConfig>) {
  const { config, path, onChange } = props;
  return (
    <div className="grader-form">
      <InputTemplateField {...props} label="Look in" />
      <GraderField label="For the text" path={childPath(path, "pattern")} hint="a template">
        <TemplateInput singleLine value={config.pattern} onChange={(pattern) => onChange({ ...config, pattern })} />
      </GraderField>
      <Checkbox label="Case sensitive" checked={config.case_sensitive ?? true} onChange={(case_sensitive) => onChange({ ...config, case_sensitive })} />
    </div>
  );
}

export function RegexForm(props: GraderFormProps<RegexConfig>) {
  const { config, path, onChange } = props;
  return (
    <div className="grader-form">
      <InputTemplateField {...props} label="Look in" />
      <GraderField label="Regular expression" path={childPath(path, "pattern")} hint="PCRE2, UTF-8; anchor with ^…$ for a full match">
        <input className="mono-input" value={config.pattern} onChange={(event) => onChange({ ...config, pattern: event.target.value })} spellCheck={false} />
      </GraderField>
    </div>
  );
}

export function JsonPresetForm({ config, path, onChange, onValidityChange }: GraderFormProps<JsonGraderConfig>) {
  const withSchema = config.schema !== undefined;
  return (
    <div className="grader-form">
      <Checkbox
        label="Also check it against a JSON schema"
        checked={withSchema}
        onChange={(checked) => onChange(checked ? { ...config, schema: { type: "object", properties: {}, required: [] } } : { type: "json" })}
        hint="type, properties, required, items, enum, min/max, anyOf…"
      />
      {withSchema && (
        <JsonSchemaField label="Schema" path={childPath(path, "schema")} value={config.schema} onChange={(schema) => onChange({ ...config, schema })} onValidityChange={onValidityChange} />
      )}
    </div>
  );
}

export function ToolUsageForm({ config, onChange }: GraderFormProps<ToolUsageConfig>) {
  return (
    <div className="grader-form">
      <p className="muted">
        Compares the answer's tool calls with the reference answer's: score = matched calls / max(expected, made).
      </p>
      <Checkbox
        label="Arguments must match too"
        checked={config.match_arguments ?? true}
        onChange={(match_arguments) => onChange({ ...config, match_arguments })}
        hint="compared as parsed JSON"
      />
    </div>
  );
}

export function SimilarityForm(props: GraderFormProps<SimilarityConfig>) {
  const { config, path, onChange } = props;
  return (
    <div className="grader-form">
      <InputTemplateField {...props} />
      <GraderField label="With" path={childPath(path, "reference")} hint="a template">
        <TemplateInput singleLine value={config.reference ?? "{{reference}}"} onChange={(reference) => onChange({ ...config, reference })} />
      </GraderField>
      <GraderField label="Metric" path={childPath(path, "metric")}>
        <select value={config.metric ?? "fuzzy_match"} onChange={(event) => onChange({ ...config, metric: event.target.value as SimilarityMetric })}>
          <option value="fuzzy_match">Fuzzy match (2·LCS / total length)</option>
          <option value="rouge_1">ROUGE-1 (unigram F1)</option>
        </select>
      </GraderField>
    </div>
  );
}

export function JudgeRubricForm({ config, path, onChange }: GraderFormProps<JudgeRubricConfig>) {
  return (
    <div className="grader-form">
      <JudgeModelFields config={config} path={path} onChange={onChange} />
      <GraderField label="Rubric" path={childPath(path, "rubric")} hint="the judge sees the objective, conversation, reference and answer">
        <textarea rows={6} value={config.rubric} onChange={(event) => onChange({ ...config, rubric: event.target.value })} />
      </GraderField>
    </div>
  );
}
