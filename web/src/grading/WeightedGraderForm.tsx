import type { GraderType, WeightedConfig, WeightedPart } from "../api/gradingTypes";
import { childPath } from "./fieldErrors";
import { GRADER_TYPES, graderTypeInfo, starterConfig } from "./graderCatalog";
import { GraderField } from "./GraderField";
import { GraderForm } from "./GraderForm";
import type { GraderFormProps } from "./graderFormProps";

// A part is any grader but another combination: one level reads clearly, and the weights say all.
const PART_TYPES = GRADER_TYPES.filter((info) => info.type !== "weighted");

export function WeightedGraderForm({ config, path, onChange, onValidityChange }: GraderFormProps<WeightedConfig>) {
  const total = config.graders.reduce((sum, part) => sum + (part.weight > 0 ? part.weight : 0), 0);
  const setPart = (index: number, part: WeightedPart) => onChange({ ...config, graders: config.graders.map((old, at) => (at === index ? part : old)) });
  const removePart = (index: number) => onChange({ ...config, graders: config.graders.filter((_, at) => at !== index) });
  const addPart = () =>
    onChange({ ...config, graders: [...config.graders, { name: `grader ${config.graders.length + 1}`, weight: 1, grader: starterConfig("exact_match") }] });

  return (
    <div className="grader-form">
      <p className="muted">Score = Σ weight × score / Σ weight. An error in any part is the combination's error.</p>
      <GraderField label="Parts" path={childPath(path, "graders")}>
        <ol className="weighted-parts">
          {config.graders.map((part, index) => {
            const partPath = childPath(childPath(path, "graders"), `[${index}]`);
            return (
              <li key={index} className="weighted-part" data-testid="weighted-part">
                <div className="weighted-part-head">
                  <GraderField label="Name" path={childPath(partPath, "name")}>
                    <input value={part.name} onChange={(event) => setPart(index, { ...part, name: event.target.value })} />
                  </GraderField>
                  <GraderField label="Weight" path={childPath(partPath, "weight")} hint={total > 0 && part.weight > 0 ? `${Math.round((part.weight / total) * 100)}%` : undefined}>
                    <input type="number" min={0} step={0.1} value={part.weight} onChange={(event) => setPart(index, { ...part, weight: Number(event.target.value) })} />
                  </GraderField>
                  <GraderField label="Type" path={childPath(partPath, "grader.type")}>
                    <select value={part.grader.type} onChange={(event) => setPart(index, { ...part, grader: starterConfig(event.target.value as GraderType) })}>
                      {PART_TYPES.map((info) => (
                        <option key={info.type} value={info.type}>
                          {info.label}
                        </option>
                      ))}
                    </select>
                  </GraderField>
                  <button type="button" className="button button-small button-danger-ghost" onClick={() => removePart(index)} disabled={config.graders.length <= 1} aria-label={`Remove ${part.name}`}>
                    Remove
                  </button>
                </div>
                <p className="muted weighted-part-description">{graderTypeInfo(part.grader.type).description}</p>
                <GraderForm
                  key={part.grader.type}
                  config={part.grader}
                  path={childPath(partPath, "grader")}
                  onChange={(grader) => setPart(index, { ...part, grader })}
                  onValidityChange={onValidityChange}
                />
              </li>
            );
          })}
        </ol>
      </GraderField>
      <div>
        <button type="button" className="button button-small" onClick={addPart}>
          + Add a grader
        </button>
      </div>
    </div>
  );
}
