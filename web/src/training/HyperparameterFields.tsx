// The backend's hyperparameters, each empty until the person sets it: an empty field takes the
// server's default, shown as its placeholder (the preflight's answer, else docs/training.md's);
// and others as a JSON object.
import type { Hyperparameters, TrainingBackend } from "../api/trainingTypes";
import { FormField } from "../ui/FormField";
import { hyperparametersOf, type TrainingFormErrors } from "./trainingForm";

interface HyperparameterFieldsProps {
  backend: TrainingBackend;
  values: Record<string, string>;
  /** What the run would get, from the last preflight. */
  resolved: Hyperparameters | undefined;
  extra: string;
  errors: TrainingFormErrors;
  onChange: (name: string, value: string) => void;
  onExtraChange: (text: string) => void;
}

export function HyperparameterFields({ backend, values, resolved, extra, errors, onChange, onExtraChange }: HyperparameterFieldsProps) {
  return (
    <fieldset className="hyperparameters">
      <legend>
        Hyperparameters <span className="muted">· empty: the default shown</span>
      </legend>
      <div className="hyperparameter-grid">
        {hyperparametersOf(backend).map((spec) => {
          const value = values[spec.name] ?? "";
          const fallback = value === "" && resolved?.[spec.name] !== undefined ? String(resolved[spec.name]) : spec.default;
          return (
            <FormField key={spec.name} label={spec.name} hint={spec.hint || undefined} error={errors[`hyperparameters.${spec.name}`]} field={`hyperparameters.${spec.name}`}>
              {spec.choices ? (
                <select value={value} onChange={(event) => onChange(spec.name, event.target.value)}>
                  <option value="">{fallback} (default)</option>
                  {spec.choices.map((choice) => (
                    <option key={choice}>{choice}</option>
                  ))}
                </select>
              ) : (
                <input value={value} onChange={(event) => onChange(spec.name, event.target.value)} placeholder={fallback} spellCheck={false} />
              )}
            </FormField>
          );
        })}
      </div>
      <FormField
        label="Other hyperparameters"
        hint={backend === "openai" ? "JSON, passed to the job as they are" : "JSON, passed to your trainer in REINFORGE_HYPERPARAMETERS"}
        error={errors.extraHyperparameters}
        field="extraHyperparameters"
      >
        <input className="mono-input" value={extra} onChange={(event) => onExtraChange(event.target.value)} placeholder='{"kl_coef": 0.05}' spellCheck={false} />
      </FormField>
    </fieldset>
  );
}
