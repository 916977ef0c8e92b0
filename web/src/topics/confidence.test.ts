import { describe, expect, it } from "vitest";
import { confidenceBand } from "./confidence";

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
