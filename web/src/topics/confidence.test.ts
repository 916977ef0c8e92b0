import { describe, expect, it } from "vitest";
import { confidenceBand, formatConfidence } from "./confidence";

describe("confidence bands (PRODUCT.md §4)", () => {
  it("puts the thresholds where the server does", () => {
    expect(confidenceBand(0.85)).toBe("high");
    expect(confidenceBand(0.8499)).toBe("medium");
    expect(confidenceBand(0.7)).toBe("medium");
    expect(confidenceBand(0.6999)).toBe("low");
    expect(confidenceBand(0)).toBe("low");
    expect(confidenceBand(1)).toBe("high");
  });
});

describe("formatConfidence", () => {
  it("cuts to two decimals so a low value never reads as the medium band's first", () => {
    expect(formatConfidence(0.697)).toBe("0.69");
    expect(formatConfidence(0.7)).toBe("0.70");
    expect(formatConfidence(0.849)).toBe("0.84");
    expect(formatConfidence(1)).toBe("1.00");
    expect(formatConfidence(0.29)).toBe("0.29");
  });
});
