// What ▶ Test sample grades and the request it sends (POST /api/datasets/:id/grader/test): the
// records' reference answers, or fresh samples of a base model, named as the dry run names it.
import type { GraderConfig, GraderTest, GraderTestMode, GraderTestRequest } from "../api/gradingTypes";
import { checkBaseModel, type BaseModelErrors, type BaseModelFields } from "../sampling/baseModel";

export interface TestSampleChoice extends BaseModelFields {
  graded: GraderTestMode;
}

/** Reference answers by default; the model fields start from `model` (the dry run's, say). */
export function defaultTestSampleChoice(model: BaseModelFields): TestSampleChoice {
  return { graded: "reference", model: model.model, baseUrl: model.baseUrl, apiKeyEnv: model.apiKeyEnv };
}

export type TestSampleRequestResult = { ok: true; request: GraderTestRequest } | { ok: false; errors: BaseModelErrors };

/** The request for the saved grader, or with `draft` for the editor's unsaved draft. */
export function buildTestSampleRequest(choice: TestSampleChoice, draft?: GraderConfig): TestSampleRequestResult {
  const config = draft ? { config: draft } : {};
  // Reference: the body the endpoint has always taken.
  if (choice.graded === "reference") return { ok: true, request: config };
  const { errors, target } = checkBaseModel(choice);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: { ...config, mode: "base_model", model: target.model, provider: target.provider } };
}

/** The answer, naming the model it sampled when the server's answer does not (the request did). */
export function withSampledModel(test: GraderTest, request: GraderTestRequest): GraderTest {
  if (test.mode !== "base_model" || test.model || request.mode !== "base_model") return test;
  return { ...test, model: request.model };
}

/** "Graded the reference answers" or "Graded fresh samples from gpt-4o-mini". */
export function describeTestSource(test: Pick<GraderTest, "mode" | "model">): string {
  if (test.mode !== "base_model") return "Graded the reference answers";
  return test.model ? `Graded fresh samples from ${test.model}` : "Graded fresh samples from the base model";
}
