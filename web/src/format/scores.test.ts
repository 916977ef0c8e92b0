import { describe, expect, it } from "vitest";
import { formatInterval, formatRateInterval, formatRatePoints, formatRelativeChange, formatScore, formatSignedScore } from "./scores";

describe("score formats", () => {
  it.each([
    [0.4512, "0.45"],
    [1, "1.00"],
    [-0.004, "0.00"],
    [-0.25, "−0.25"],
    [null, "—"],
    [Number.NaN, "—"],
  ])("score %s → %s", (value, text) => expect(formatScore(value)).toBe(text));

  it.each([
    [0.12, "+0.12"],
    [-0.05, "−0.05"],
    [0.004, "±0.00"],
    [-0.004, "±0.00"],
    [undefined, "—"],
  ])("signed %s → %s", (value, text) => expect(formatSignedScore(value)).toBe(text));

  it("writes an interval with a real minus sign, and nothing before there is one", () => {
    expect(formatInterval([0.05, 0.19])).toBe("[0.05, 0.19]");
    expect(formatInterval([-0.021, 0.08])).toBe("[−0.02, 0.08]");
    expect(formatInterval(null)).toBe("");
  });

  it.each([
    [0.49, "+49%"],
    [-0.124, "−12%"],
    [0.004, "+0.4%"],
    [0.0004, "±0%"],
    [null, ""],
  ])("relative %s → %s", (value, text) => expect(formatRelativeChange(value)).toBe(text));

  it("writes a difference of rates in percentage points", () => {
    expect(formatRatePoints(0.002)).toBe("+0.2 pp");
    expect(formatRatePoints(-0.031)).toBe("−3.1 pp");
    expect(formatRatePoints(0.0001)).toBe("±0 pp");
    expect(formatRatePoints(null)).toBe("—");
  });

  it("writes an interval of rate differences in percentage points", () => {
    expect(formatRateInterval([-0.004, 0.008])).toBe("[−0.4, 0.8]");
    expect(formatRateInterval([0, 0.0312])).toBe("[0, 3.1]");
    expect(formatRateInterval(null)).toBe("");
  });
});
