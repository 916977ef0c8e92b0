import { describe, expect, it } from "vitest";
import { roundTicks } from "./chartTicks";

describe("round axis ticks", () => {
  it("steps through round shares instead of 7.5% printed as 8%", () => {
    expect(roundTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(roundTicks(0.42)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(roundTicks(0.6)).toEqual([0, 0.2, 0.4, 0.6]);
    expect(roundTicks(0.07)).toEqual([0, 0.02, 0.04, 0.06, 0.08]);
  });
  it("counts in round numbers, whole ones at least one apart", () => {
    expect(roundTicks(340)).toEqual([0, 100, 200, 300, 400]);
    expect(roundTicks(337, { whole: true })).toEqual([0, 100, 200, 300, 400]);
    expect(roundTicks(3, { whole: true })).toEqual([0, 1, 2, 3]);
    expect(roundTicks(12, { whole: true })).toEqual([0, 5, 10, 15]);
  });
  it("covers the largest value with at most the ticks asked for", () => {
    for (const max of [0.013, 0.5, 1, 7, 99, 1234, 98765]) {
      const ticks = roundTicks(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      expect(ticks[0]).toBe(0);
    }
  });
  it("gives an empty chart an axis", () => {
    expect(roundTicks(0)).toEqual([0, 1]);
  });
});
