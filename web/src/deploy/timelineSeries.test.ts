import { describe, expect, it } from "vitest";
import type { TimelineArm } from "../api/deploymentsTypes";
import { linePath, timelineBucketSeconds, timelineSeries } from "./timelineSeries";

const arm = (calls: number, score_mean: number | null = null, errors = 0): TimelineArm => ({ calls, errors, graded: score_mean === null ? 0 : 1, score_mean });
const T0 = Date.parse("2026-03-01T10:00:00Z");
const MINUTE = 60_000;

describe("timelineSeries", () => {
  it("turns points into buckets per arm, the span and the tallest bar", () => {
    const series = timelineSeries({
      bucket_s: 60,
      points: [
        { at: T0 + MINUTE, base: arm(7, null, 1), tuned: arm(3) },
        { at: T0, base: arm(2) },
      ],
    });
    expect(series.buckets).toEqual([
      { at: T0, calls: { base: 2, tuned: 0 }, errors: { base: 0, tuned: 0 } },
      { at: T0 + MINUTE, calls: { base: 7, tuned: 3 }, errors: { base: 1, tuned: 0 } },
    ]);
    expect(series).toMatchObject({ from: T0, to: T0 + 2 * MINUTE, bucketMs: MINUTE, maxCalls: 7, hasScores: false });
  });

  it("breaks a score line at a bucket with nothing graded and at a bucket the server left out", () => {
    const series = timelineSeries({
      bucket_s: 60,
      points: [
        { at: T0, base: arm(5, 0.4), tuned: arm(2, 0.7) },
        { at: T0 + MINUTE, base: arm(5, 0.5), tuned: arm(2, null) },
        { at: T0 + 2 * MINUTE, base: arm(5, 0.45), tuned: arm(2, 0.8) },
        { at: T0 + 5 * MINUTE, base: arm(5, 0.5), tuned: arm(2, 0.9) },
      ],
    });
    expect(series.scoreRuns.base.map((run) => run.map((point) => point.mean))).toEqual([[0.4, 0.5, 0.45], [0.5]]);
    expect(series.scoreRuns.tuned.map((run) => run.map((point) => point.mean))).toEqual([[0.7], [0.8], [0.9]]);
    expect(series.hasScores).toBe(true);
  });

  it("widens the axis to the deployment's life, on bucket boundaries, and never cuts a point off", () => {
    const points = [{ at: T0 + 2 * MINUTE, base: arm(1) }];
    expect(timelineSeries({ bucket_s: 60, points }, { from: T0 + 10_000, to: T0 + 4 * MINUTE + 5_000 })).toMatchObject({ from: T0, to: T0 + 5 * MINUTE });
    expect(timelineSeries({ bucket_s: 60, points }, { from: T0 + 3 * MINUTE, to: T0 })).toMatchObject({ from: T0 + 2 * MINUTE, to: T0 + 3 * MINUTE });
  });

  it("has nothing to draw before the first call", () => {
    expect(timelineSeries({ bucket_s: 60, points: [] })).toMatchObject({ buckets: [], maxCalls: 0, hasScores: false, scoreRuns: { base: [], tuned: [] } });
  });
});

describe("timelineBucketSeconds", () => {
  it.each([
    [0, 10],
    [5 * 60, 10],
    [10 * 60, 30],
    [30 * 60, 60],
    [3 * 3600, 300],
    [36 * 3600, 3600],
    [2 * 86400, 6 * 3600],
    [400 * 86400, 86400],
  ])("a deployment %i s old gets buckets of %i s", (ageSeconds, bucket) => {
    expect(timelineBucketSeconds(new Date(T0).toISOString(), T0 + ageSeconds * 1000)).toBe(bucket);
  });
});

describe("linePath", () => {
  it("moves to the first point and draws to the others, rounded", () => {
    expect(linePath([[0, 10], [5.04, 4.26], [10, 0]])).toBe("M0 10 L5 4.3 L10 0");
    expect(linePath([])).toBe("");
  });
});
