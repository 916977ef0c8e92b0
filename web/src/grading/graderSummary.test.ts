import { describe, expect, it } from "vitest";
import { starterConfig } from "./graderCatalog";
import { graderSummary } from "./graderSummary";

describe("grader summary", () => {
  it("names the script's entry point and limits", () => {
    expect(graderSummary({ type: "script", source: "// check\nfunction grade(input) {\n  return 1;\n}\n", cpu_ms: 50 })).toBe(
      "function grade(input) { … } · 5 lines · 50 ms CPU · 64 MB",
    );
    expect(graderSummary({ type: "script", source: "const grade = (input) => 1;" })).toMatch(/^const grade =/);
  });
  it("names the judge's model, temperature and prompt", () => {
    expect(graderSummary({ type: "judge", model: "gpt-4o-mini", temperature: 0, prompt: "\nRate the response quality from 0 to 1.", provider: { base_url: "x", api_key_env: "K" } })).toBe(
      'Model: gpt-4o-mini · temperature 0 · prompt "Rate the response quality from 0 to 1."',
    );
  });
  it("lists a weighted combination's parts", () => {
    expect(graderSummary(starterConfig("weighted"))).toBe("exact (Exact match) × 2 + similar (Similarity to reference) × 1");
  });
  it("has a line for every preset", () => {
    for (const type of ["exact_match", "contains", "regex", "json", "tool_usage", "similarity", "judge_rubric"] as const) {
      expect(graderSummary(starterConfig(type)).length).toBeGreaterThan(5);
    }
  });
});
