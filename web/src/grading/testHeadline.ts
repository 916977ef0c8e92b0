// One line on a test sample: "5 graded · 0 errors · mean 1.00".
import type { GraderTest } from "../api/gradingTypes";

export function testHeadline(test: Pick<GraderTest, "results" | "errors">): string {
  const scores = test.results.flatMap((result) => (result.score === null ? [] : [result.score]));
  const mean = scores.length > 0 ? scores.reduce((sum, score) => sum + score, 0) / scores.length : null;
  const errors = `${test.errors} ${test.errors === 1 ? "error" : "errors"}`;
  return `${test.results.length} graded · ${errors}${mean === null ? "" : ` · mean ${mean.toFixed(2)}`}`;
}
