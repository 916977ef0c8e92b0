import { describe, expect, it } from "vitest";
import type { GraderConfig, GraderTest } from "../api/gradingTypes";
import { DEFAULT_BASE_MODEL } from "../sampling/baseModel";
import { buildTestSampleRequest, defaultTestSampleChoice, describeTestSource, withSampledModel } from "./testSample";

const draft: GraderConfig = { type: "exact_match" };
const reference = defaultTestSampleChoice(DEFAULT_BASE_MODEL);
const baseModel = { ...reference, graded: "base_model" as const };
const test = (fields: Partial<GraderTest>): GraderTest => ({ ran_at: "", version: "sha256:x", mode: "reference", errors: 0, results: [], ...fields });

describe("test sample request", () => {
  it("grades the reference answers by default, with the body the endpoint always took", () => {
    expect(reference.graded).toBe("reference");
    expect(buildTestSampleRequest(reference)).toEqual({ ok: true, request: {} });
    expect(buildTestSampleRequest(reference, draft)).toEqual({ ok: true, request: { config: draft } });
  });
  it("needs no model fields for the reference answers", () => {
    expect(buildTestSampleRequest({ ...reference, model: "", baseUrl: "", apiKeyEnv: "sk-pasted" }).ok).toBe(true);
  });
  it("names the base model and where to reach it, the key by its variable's name", () => {
    expect(buildTestSampleRequest({ ...baseModel, model: " gpt-4o-mini " }, draft)).toEqual({
      ok: true,
      request: { config: draft, mode: "base_model", model: "gpt-4o-mini", provider: { base_url: "https://api.openai.com/v1", api_key_env: "OPENAI_API_KEY" } },
    });
    expect(buildTestSampleRequest(baseModel)).toMatchObject({ ok: true, request: { mode: "base_model" } });
    expect(buildTestSampleRequest(baseModel)).not.toHaveProperty("request.config");
  });
  it("refuses what the dry run refuses, field by field", () => {
    const result = buildTestSampleRequest({ ...baseModel, model: " ", baseUrl: "ftp://x", apiKeyEnv: "sk-proj-abc123" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual(["apiKeyEnv", "baseUrl", "model"]);
      expect(result.errors.apiKeyEnv).toMatch(/NAME of the environment variable/);
    }
  });
});

describe("what a test sample graded", () => {
  it("says reference answers or the sampled model", () => {
    expect(describeTestSource(test({}))).toBe("Graded the reference answers");
    expect(describeTestSource(test({ mode: "base_model", model: "gpt-4o-mini" }))).toBe("Graded fresh samples from gpt-4o-mini");
    expect(describeTestSource(test({ mode: "base_model" }))).toBe("Graded fresh samples from the base model");
  });
  it("names the model the request asked for when the answer does not", () => {
    const built = buildTestSampleRequest({ ...baseModel, model: "e2e-model" });
    if (!built.ok) throw new Error("expected a request");
    expect(withSampledModel(test({ mode: "base_model" }), built.request).model).toBe("e2e-model");
    expect(withSampledModel(test({ mode: "base_model", model: "served" }), built.request).model).toBe("served");
    expect(withSampledModel(test({ mode: "reference" }), built.request).model).toBeUndefined();
  });
});
