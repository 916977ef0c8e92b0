import { describe, expect, it } from "vitest";
import type { DeploymentArm } from "../api/deploymentsTypes";
import { describeErrorRateComparison, describeGuard, describeHistoryAction, describeOnlineScoring, describeScoreComparison, guardRollbackReason } from "./onlineScoreDisplay";

const arm = (calls: number, graded: number): DeploymentArm => ({
  calls,
  errors: 0,
  error_rate: 0,
  prompt_tokens: 0,
  completion_tokens: 0,
  latency_ms: { p50: null, p95: null },
  score: { graded, errors: 0, mean: null, ci: null },
});

describe("describeScoreComparison", () => {
  it.each([
    [{ difference: 0.12, ci: [0.05, 0.19], conclusive: true, more_graded_per_arm: 0, more_calls: 0 }, "Tuned +0.12 [0.05, 0.19], conclusive", "good"],
    [{ difference: -0.08, ci: [-0.15, -0.01], conclusive: true, more_graded_per_arm: 0, more_calls: 0 }, "Tuned −0.08 [−0.15, −0.01], conclusive", "bad"],
    [
      { difference: 0.03, ci: [-0.02, 0.08], conclusive: false, more_graded_per_arm: 1240, more_calls: 41333 },
      "Tuned +0.03 [−0.02, 0.08], not conclusive yet: about 1,240 more graded calls per arm, ~41,333 calls",
      "muted",
    ],
    [{ difference: 0.03, ci: [-0.02, 0.08], conclusive: false, more_graded_per_arm: 40, more_calls: null }, "Tuned +0.03 [−0.02, 0.08], not conclusive yet: about 40 more graded calls per arm", "muted"],
    [{ difference: 0, ci: [-0.05, 0.05], conclusive: false, more_graded_per_arm: null, more_calls: null }, "Tuned ±0.00 [−0.05, 0.05], not conclusive: no difference seen so far", "muted"],
  ] as const)("%o reads %s", (score, text, tone) => {
    expect(describeScoreComparison({ ...score, ci: [...score.ci] })).toEqual({ text, tone });
  });

  it("waits for two graded calls per arm", () => {
    expect(describeScoreComparison(null).text).toMatch(/^No score comparison yet/);
    expect(describeScoreComparison({ difference: null, ci: null, conclusive: false, more_graded_per_arm: null, more_calls: null }).text).toMatch(/^No score comparison yet/);
  });
});

describe("describeErrorRateComparison", () => {
  it("reads more errors in the tuned arm as bad, in percentage points", () => {
    expect(describeErrorRateComparison({ difference: 0.002, ci: [-0.004, 0.008], conclusive: false })).toEqual({ text: "Error rate +0.2 pp [−0.4, 0.8], not conclusive", tone: "muted" });
    expect(describeErrorRateComparison({ difference: 0.05, ci: [0.02, 0.08], conclusive: true }).tone).toBe("bad");
    expect(describeErrorRateComparison({ difference: -0.05, ci: [-0.08, -0.02], conclusive: true }).tone).toBe("good");
    expect(describeErrorRateComparison(undefined).text).toMatch(/^No error-rate comparison yet/);
    expect(describeErrorRateComparison({ difference: 0, ci: [0, 0], conclusive: false }).text).toBe("Error rate: the same in both arms (±0 pp).");
  });
});

describe("describeOnlineScoring", () => {
  it("says the share and grader, off, or why the grader cannot grade live traffic", () => {
    expect(describeOnlineScoring({ share: 0.1, eligible: true, grader_version: "sha256:ab12" })?.text).toBe("10% of each arm's calls graded online with grader sha256:ab12.");
    expect(describeOnlineScoring({ share: 0, eligible: true })?.text).toBe("Online scoring is off.");
    expect(describeOnlineScoring({ share: 0.1, eligible: false, reason: "exact_match compares with a reference answer" })).toEqual({
      text: "Not graded online: exact_match compares with a reference answer",
      tone: "warn",
    });
    expect(describeOnlineScoring(undefined)).toBeNull();
  });
});

describe("describeGuard", () => {
  it("says what the guard waits on, from the arm with the fewest", () => {
    expect(describeGuard({ enabled: true, min_calls: 100, min_scores: 30 }, { base: arm(40, 5), tuned: arm(12, 3) })?.text).toBe(
      "Guard on: rolls back by itself if the tuned arm is worse beyond the 95% bound — error rates compared from 100 calls per arm (now 12), scores from 30 graded calls per arm (now 3).",
    );
    expect(describeGuard({ enabled: true, min_calls: 100, min_scores: 30 }, { base: arm(40, 5) })?.text).toMatch(/\(now 0\), .*\(now 0\)/);
    expect(describeGuard({ enabled: false, min_calls: 100, min_scores: 30 }, {})?.text).toMatch(/^Guard off/);
    expect(describeGuard({ enabled: true, min_calls: 100, min_scores: 30, confidence: 0.99 }, {})?.text).toMatch(/beyond the 99% bound/);
  });
});

describe("history", () => {
  const history = [
    { at: "2026-01-01T10:00:00Z", action: "deployed" },
    { at: "2026-01-01T10:05:00Z", action: "rolled_back", reason: "guard: tuned error rate 0.31 above base 0.02 (95% bound)" },
  ];
  it("finds the guard's reason for a rollback", () => {
    expect(guardRollbackReason(history)).toBe("guard: tuned error rate 0.31 above base 0.02 (95% bound)");
    expect(guardRollbackReason([{ at: "", action: "rolled_back" }])).toBeNull();
  });
  it("names actions in words", () => {
    expect(history.map(describeHistoryAction)).toEqual(["Deployed", "Rolled back by the guard"]);
    expect(describeHistoryAction({ at: "", action: "promoted" })).toBe("Promoted to all callers");
    expect(describeHistoryAction({ at: "", action: "options_changed" })).toBe("Online scoring or guard changed");
    expect(describeHistoryAction({ at: "", action: "share_changed" })).toBe("share changed");
  });
});
