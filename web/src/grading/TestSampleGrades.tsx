// "Test sample grades": the records' reference answers, or fresh samples of a base model (the
// dry run's model fields). Shown in the step detail and beside the editor's test results.
import { useId } from "react";
import type { GraderTestMode } from "../api/gradingTypes";
import type { BaseModelErrors } from "../sampling/baseModel";
import { BaseModelFields } from "../sampling/BaseModelFields";
import type { TestSampleChoice } from "./testSample";

const OPTIONS: [GraderTestMode, string, string][] = [
  ["reference", "Reference answers", "the records' own answers: checks the grader itself"],
  ["base_model", "Base model samples", "5 fresh answers from a model, as the dry run samples"],
];

interface TestSampleGradesProps {
  choice: TestSampleChoice;
  errors: BaseModelErrors;
  onChange: (choice: TestSampleChoice) => void;
  /** The editor's narrow side panel: options and fields stacked. */
  stacked?: boolean;
}

export function TestSampleGrades({ choice, errors, onChange, stacked }: TestSampleGradesProps) {
  const name = useId();
  return (
    <div className={stacked ? "test-sample-grades test-sample-grades-stacked" : "test-sample-grades"} data-testid="test-sample-grades">
      <fieldset className="mode-choice">
        <legend>Test sample grades</legend>
        {OPTIONS.map(([graded, label, hint]) => (
          <label key={graded} className={choice.graded === graded ? "mode-option mode-option-active" : "mode-option"}>
            <input type="radio" name={name} value={graded} checked={choice.graded === graded} onChange={() => onChange({ ...choice, graded })} />
            <span>
              <strong>{label}</strong>
              <span className="muted"> — {hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {choice.graded === "base_model" && <BaseModelFields value={choice} errors={errors} onChange={(fields) => onChange({ ...choice, ...fields })} />}
    </div>
  );
}
