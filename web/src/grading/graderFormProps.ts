import type { GraderConfig } from "../api/gradingTypes";

/** What each type's form gets: its config, where it sits in the whole grader, and how to change it. */
export interface GraderFormProps<C extends GraderConfig = GraderConfig> {
  config: C;
  /** Path of this config in the saved grader ("" at the top, "graders[1].grader" in a combination). */
  path: string;
  onChange: (config: C) => void;
  onValidityChange: (path: string, valid: boolean) => void;
}
