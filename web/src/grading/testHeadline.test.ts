import { describe, expect, it } from "vitest";
import type { GraderTestResult } from "../api/gradingTypes";
import { testHeadline } from "./testHeadline";

const result = (score: number | null): GraderTestResult => ({ record_id: 1, preview: "", output_text: "", score, reason: "", error: score === null ? "boom" : "", logs: [], latency_ms: 1 });

describe("test sample headline", () => {
  it("counts, errors and the mean of the scored results", () => {
    expect(testHeadline({ results: [result(1), result(0), result(0.5)], errors: 0 })).toBe("3 graded · 0 errors · mean 0.50");
  });
  it("leaves errors out of the mean, and has no mean when all failed", () => {
    expect(testHeadline({ results: [result(1), result(null)], errors: 1 })).toBe("2 graded · 1 error · mean 1.00");
    expect(testHeadline({ results: [result(null), result(null)], errors: 2 })).toBe("2 graded · 2 errors");
  });
});
