// The form of a grader's type; a weighted combination nests one per part.
import type { GraderConfig } from "../api/gradingTypes";
import type { GraderFormProps } from "./graderFormProps";
import { JudgeGraderForm } from "./JudgeGraderForm";
import { ContainsForm, ExactMatchForm, JsonPresetForm, JudgeRubricForm, RegexForm, SimilarityForm, ToolUsageForm } from "./PresetGraderForms";
import { ScriptGraderForm } from "./ScriptGraderForm";
import { WeightedGraderForm } from "./WeightedGraderForm";

export function GraderForm({ config, ...props }: GraderFormProps<GraderConfig>) {
  // Each branch narrows the config; onChange takes any grader, so it fits every form.
  switch (config.type) {
    case "script":
      return <ScriptGraderForm config={config} {...props} />;
    case "judge":
      return <JudgeGraderForm config={config} {...props} />;
    case "judge_rubric":
      return <JudgeRubricForm config={config} {...props} />;
    case "exact_match":
      return <ExactMatchForm config={config} {...props} />;
    case "contains":
      return <ContainsForm config={config} {...props} />;
    case "regex":
      return <RegexForm config={config} {...props} />;
    case "json":
      return <JsonPresetForm config={config} {...props} />;
    case "tool_usage":
      return <ToolUsageForm config={config} {...props} />;
    case "similarity":
      return <SimilarityForm config={config} {...props} />;
    case "weighted":
      return <WeightedGraderForm config={config} {...props} />;
  }
}
