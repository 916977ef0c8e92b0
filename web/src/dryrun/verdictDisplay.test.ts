import { describe, expect, it } from "vitest";
import type { DryRunReport } from "../api/gradingTypes";
import { formatShare, metricRows } from "./verdictDisplay";

function report(partial: Partial<DryRunReport["statistics"]>, verdicts: DryRunReport["verdicts"]): DryRunReport {
  return {
    grader_version: "sha256:0",
    mode: "reference",
    verdict: "NO-GO",
    verdicts,
    statistics: {
      samples: 10, scored: 10, mean: 0, std_dev: 0, share_above_zero: 0, histogram: [], grader_errors: 0, sampling_errors: 0,
      grader_error_rate: 0, prompt_tokens: 0, completion_tokens: 0, judge_tokens: 0, cost_usd: null, price: null, disagreement_share: null, slowest: [], failed: [],
      ...partial,
    },
    topic_means: {},
    diagnoses: [],
    wall_ms: 0,
    sample_count: 10,
  };
}

describe("dry-run metric rows", () => {
  it("shows each metric with the server's verdict and the thresholds of the verdict table", () => {
    const rows = metricRows(report({ mean: 0.2, share_above_zero: 0.7, std_dev: 0.049 }, { mean: "CAUTION", share_above_zero: "CAUTION", std_dev: "NO-GO" }));
    expect(rows.map((row) => [row.label, row.value, row.verdict])).toEqual([
      ["Mean score", "0.20", "CAUTION"],
      ["Scoring above 0", "70%", "CAUTION"],
      ["Std deviation", "0.049", "NO-GO"],
    ]);
    expect(rows[0]!.thresholds).toEqual({ GO: "> 0.2", CAUTION: "0.1–0.2", "NO-GO": "< 0.1" });
    expect(rows[1]!.thresholds.CAUTION).toBe("50–70%");
    expect(rows[2]!.thresholds.GO).toBe("> 0.10");
  });
  it("never recomputes a verdict: a value on GO's side keeps the server's verdict", () => {
    const rows = metricRows(report({ mean: 0.9 }, { mean: "NO-GO", share_above_zero: "GO", std_dev: "GO" }));
    expect(rows[0]!.verdict).toBe("NO-GO");
  });
  it("shows small shares with a decimal", () => {
    expect(formatShare(0.035)).toBe("3.5%");
    expect(formatShare(0)).toBe("0%");
    expect(formatShare(1)).toBe("100%");
  });
});
