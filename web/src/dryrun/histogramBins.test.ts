import { describe, expect, it } from "vitest";
import { histogramBins } from "./histogramBins";

describe("histogram bins", () => {
  it("labels ten bins over [0, 1], the last one closed", () => {
    const bins = histogramBins([5, 0, 0, 0, 0, 0, 0, 0, 0, 5]);
    expect(bins).toHaveLength(10);
    expect(bins.map((bin) => bin.label)).toEqual(["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"]);
    expect(bins[0]!.range).toBe("0.0 ≤ score < 0.1");
    expect(bins[9]!.range).toBe("0.9 ≤ score ≤ 1.0");
    expect(bins[9]!.to).toBeCloseTo(1);
  });
  it("gives each bin its share of the scored samples", () => {
    const bins = histogramBins([1, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(bins[0]!.share).toBe(0.25);
    expect(bins[1]!.share).toBe(0.75);
  });
  it("gives zero shares when nothing was scored", () => {
    expect(histogramBins(new Array(10).fill(0)).every((bin) => bin.share === 0)).toBe(true);
  });
});
