// An A/B test's online scoring share and its guard: on the deploy form, and when changing an
// active deployment's settings.
import { FormField } from "../ui/FormField";
import type { OnlineScoringValues } from "./deployForm";

interface OnlineScoringFieldsProps {
  value: OnlineScoringValues;
  onChange: (change: Partial<OnlineScoringValues>) => void;
  /** The class of the field a refusal named ("field-invalid"), by the request's field. */
  marked?: (field: "online_scoring" | "guard") => string | undefined;
}

export function OnlineScoringFields({ value, onChange, marked = () => undefined }: OnlineScoringFieldsProps) {
  return (
    <fieldset className="online-scoring-fields" data-testid="online-scoring-fields">
      <legend>
        Online scores <span className="muted">· each arm's calls graded in the background with the dataset's grader</span>
      </legend>
      <div className="field-row">
        <FormField label="Calls graded (%)" hint="of each arm; 0 is off" field="online_scoring" className={marked("online_scoring")}>
          <input type="number" min={0} max={100} step="any" value={value.scoringPercent} onChange={(event) => onChange({ scoringPercent: event.target.value })} />
        </FormField>
        <label className="checkbox guard-check">
          <input type="checkbox" checked={value.guardEnabled} onChange={(event) => onChange({ guardEnabled: event.target.checked })} />
          <span>
            <strong>Guard</strong> <span className="muted">— roll back by itself when the tuned arm is worse beyond the 95% bound</span>
          </span>
        </label>
      </div>
      {value.guardEnabled && (
        <div className="field-row" data-field-group="guard">
          <FormField label="Compare errors after" hint="calls per arm" field="guard" className={marked("guard")}>
            <input type="number" min={1} step={1} value={value.guardMinCalls} onChange={(event) => onChange({ guardMinCalls: event.target.value })} aria-label="Minimum calls per arm" />
          </FormField>
          <FormField label="Compare scores after" hint="graded calls per arm" className={marked("guard")}>
            <input type="number" min={1} step={1} value={value.guardMinScores} onChange={(event) => onChange({ guardMinScores: event.target.value })} aria-label="Minimum graded calls per arm" />
          </FormField>
        </div>
      )}
    </fieldset>
  );
}
