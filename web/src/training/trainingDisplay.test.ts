import { describe, expect, it } from "vitest";
import { formatEta, formatHyperparameters, formatProgressLine, formatReward, formatRewardChange, formatRewardTrend, rewardChangeTone } from "./trainingDisplay";

describe("training display", () => {
  it("says the time left roughly, in the largest unit that reads well", () => {
    expect(formatEta(0)).toBe("~1 s");
    expect(formatEta(44.6)).toBe("~45 s");
    expect(formatEta(60)).toBe("~1 min");
    expect(formatEta(310)).toBe("~5 min");
    expect(formatEta(3600)).toBe("~1 h");
    expect(formatEta(7500)).toBe("~2 h 5 min");
    expect(formatEta(11 * 3600 + 1200)).toBe("~11 h");
    expect(formatEta(3 * 86400)).toBe("~3 d");
  });

  it("shows a dash for an ETA the backend has not given", () => {
    expect(formatEta(null)).toBe("—");
    expect(formatEta(undefined)).toBe("—");
    expect(formatEta(-5)).toBe("—");
    expect(formatEta(Number.NaN)).toBe("—");
  });

  it("signs the server's change since the start and colours it by direction", () => {
    expect(formatRewardChange(0.21)).toBe("+0.21");
    expect(formatRewardChange(-0.054)).toBe("−0.05");
    expect(formatRewardChange(0.001)).toBe("±0.00");
    expect(formatRewardChange(null)).toBe("");
    expect(rewardChangeTone(0.21)).toBe("good");
    expect(rewardChangeTone(-0.2)).toBe("bad");
    expect(rewardChangeTone(0.004)).toBe("muted");
    expect(rewardChangeTone(null)).toBe("muted");
  });

  it("reads a reward with its change, or the reward alone, or a dash", () => {
    expect(formatRewardTrend({ first: 0.31, last: 0.52, change: 0.21 })).toBe("0.52 (+0.21)");
    expect(formatRewardTrend({ first: 0.3, last: 0.3, change: null })).toBe("0.30");
    expect(formatRewardTrend(null)).toBe("—");
    expect(formatReward(0.456)).toBe("0.46");
  });

  it("puts together the parts of the progress the backend has reported", () => {
    expect(formatProgressLine({ percent: 0.42, epoch: 1, epochs: 2, step: 42, total_steps: 100, eta_seconds: 310 })).toBe("Epoch 1 / 2 · step 42 / 100 · 42% · ETA ~5 min");
    expect(formatProgressLine({ percent: null, epoch: null, epochs: null, step: 7, total_steps: null, eta_seconds: null })).toBe("step 7");
    expect(formatProgressLine(null)).toBe("");
    expect(formatProgressLine({ percent: 1, epoch: 2, epochs: 2, step: 100, total_steps: 100, eta_seconds: 0 }, { eta: false })).toBe("Epoch 2 / 2 · step 100 / 100 · 100%");
    expect(formatProgressLine({ percent: 1, epoch: 3, epochs: 2, step: 130, total_steps: 100, eta_seconds: null }, { eta: false })).toBe("Epoch 3 (2 planned) · step 130 (100 planned) · 100%");
  });

  it("lists hyperparameters by name", () => {
    expect(formatHyperparameters({ n_epochs: 2, batch_size: "auto", learning_rate: 1e-6 })).toBe("n_epochs 2 · batch_size auto · learning_rate 0.000001");
  });
});
