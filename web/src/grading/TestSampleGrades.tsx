// "Test sample grades": the records' reference answers, or fresh samples of a base model (the
// dry run's model fields). Shown in the step detail and beside the editor's test results.
import type { GraderTestMode } from "../api/gradingTypes";
import type { BaseModelErrors } from "../sampling/baseModel";
import { BaseModelFields } from "../sampling/BaseModelFields";
import { ModeChoice, type ModeOption } from "../ui/ModeChoice";
import type { TestSampleChoice } from "./testSample";

const OPTIONS: ModeOption<GraderTestMode>[] = [
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
  return (
    <div className={stacked ? "test-sample-grades test-sample-grades-stacked" : "test-sample-grades"} data-testid="test-sample-grades">
      <ModeChoice legend="Test sample grades" options={OPTIONS} value={choice.graded} onChange={(graded) => onChange({ ...choice, graded })} />
      {choice.graded === "base_model" && <BaseModelFields value={choice} errors={errors} onChange={(fields) => onChange({ ...choice, ...fields })} startOnGatewayDefault />}
    </div>
  );
}
