import { describe, expect, it } from "vitest";
import { childPath, fieldErrorFrom } from "./fieldErrors";

describe("grader field errors", () => {
  it("finds a top-level field", () => {
    expect(fieldErrorFrom("The grader is not valid: grader.source: SyntaxError: Unexpected token ')' (grader.js:3)")).toEqual({
      path: "source",
      message: "SyntaxError: Unexpected token ')' (grader.js:3)",
    });
  });
  it("finds a field inside a weighted combination", () => {
    expect(fieldErrorFrom("The grader is not valid: grader.graders[1].weight: must be a positive number")).toEqual({
      path: "graders[1].weight",
      message: "must be a positive number",
    });
    expect(fieldErrorFrom("The grader is not valid: grader.graders[0].grader.pattern: bad regex")?.path).toBe("graders[0].grader.pattern");
  });
  it("names the missing field of a 'needs' message", () => {
    expect(fieldErrorFrom('The grader is not valid: grader: needs "model"')?.path).toBe("model");
    expect(fieldErrorFrom('The grader is not valid: grader.graders[2].grader: needs "rubric"')?.path).toBe("graders[2].grader.rubric");
  });
  it("keeps provider paths, which the server checks on their own", () => {
    expect(fieldErrorFrom("The grader is not valid: provider.api_key_env: the environment variable X is not set")?.path).toBe("provider.api_key_env");
  });
  it("gives the whole grader when no field is named, and null for other errors", () => {
    expect(fieldErrorFrom('The grader is not valid: grader: needs "prompt" (a template) or "messages"')?.path).toBe("prompt");
    expect(fieldErrorFrom("The grader is not valid: grader: a grader is a JSON object with a \"type\"")).toEqual({
      path: "",
      message: 'a grader is a JSON object with a "type"',
    });
    expect(fieldErrorFrom("Dataset 3 does not exist.")).toBeNull();
  });
  it("joins paths", () => {
    expect(childPath("", "source")).toBe("source");
    expect(childPath("graders", "[1]")).toBe("graders[1]");
    expect(childPath("graders[1]", "grader")).toBe("graders[1].grader");
  });
});
