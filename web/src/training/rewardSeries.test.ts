import { describe, expect, it } from "vitest";
import type { TrainingMetricPoint } from "../api/trainingTypes";
import { rewardDomain, rewardSeries } from "./rewardSeries";

let seq = 0;
function point(step: number | null, train: number | null, valid: number | null = null): TrainingMetricPoint {
  seq += 1;
  return { seq, at: "2026-01-01T00:00:00Z", step, epoch: 1, train_reward_mean: train, valid_reward_mean: valid, loss: null, values: {} };
}

describe("reward chart series", () => {
  it("gives one row per step, in step order, with validation where it was measured", () => {
    const rows = rewardSeries([point(1, 0.3), point(2, 0.35), point(2, null, 0.32), point(3, 0.4)]);
    expect(rows).toEqual([
      { step: 1, train: 0.3, valid: null },
      { step: 2, train: 0.35, valid: 0.32 },
      { step: 3, train: 0.4, valid: null },
    ]);
  });

  it("keeps the later value when a step is reported twice", () => {
    expect(rewardSeries([point(5, 0.2), point(5, 0.25)])).toEqual([{ step: 5, train: 0.25, valid: null }]);
  });

  it("skips points with no reward (loss only) and sorts steps that arrived out of order", () => {
    const rows = rewardSeries([point(3, 0.5), point(4, null), point(1, 0.1)]);
    expect(rows.map((row) => row.step)).toEqual([1, 3]);
  });

  it("puts a point without a step at the last step reported, or at its sequence number", () => {
    seq = 100;
    expect(rewardSeries([point(null, 0.1), point(null, 0.2)])).toEqual([
      { step: 101, train: 0.1, valid: null },
      { step: 102, train: 0.2, valid: null },
    ]);
    expect(rewardSeries([point(7, 0.4), point(null, null, 0.38)])).toEqual([{ step: 7, train: 0.4, valid: 0.38 }]);
  });

  it("charts rewards over [0, 1], wider when a reward falls outside", () => {
    expect(rewardDomain([])).toEqual([0, 1]);
    expect(rewardDomain([{ step: 1, train: 0.4, valid: 0.5 }])).toEqual([0, 1]);
    expect(rewardDomain([{ step: 1, train: -0.5, valid: null }, { step: 2, train: 2, valid: 1.5 }])).toEqual([-0.5, 2]);
  });
});
