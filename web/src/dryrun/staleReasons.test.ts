import { describe, expect, it } from "vitest";
import { staleReasons } from "./staleReasons";

const run = { dataset_revision: 7, report: { grader_version: "sha256:aaaa" } };

describe("stale reasons", () => {
  it("names nothing when the run used the current grader and data", () => {
    expect(staleReasons(run, { revision: 7, graderVersion: "sha256:aaaa" })).toEqual([]);
  });
  it("names a changed grader with both versions", () => {
    expect(staleReasons(run, { revision: 7, graderVersion: "sha256:bbbb" })).toEqual(["the grader changed (run with sha256:aaaa, now sha256:bbbb)"]);
  });
  it("names changed records", () => {
    expect(staleReasons(run, { revision: 9, graderVersion: "sha256:aaaa" })).toEqual(["the records changed"]);
  });
});
