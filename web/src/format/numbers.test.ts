import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatDollars, formatOptional, formatPercent, formatProgress } from "./numbers";

describe("number formats", () => {
  it("groups thousands", () => expect(formatCount(1042)).toBe("1,042"));
  it("shows small percentages with one decimal and large ones whole", () => {
    expect(formatPercent(3.3)).toBe("3.3%");
    expect(formatPercent(3)).toBe("3%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(42.4)).toBe("42%");
  });
  it("floors progress so 100% means done", () => {
    expect(formatProgress(0.999)).toBe("99%");
    expect(formatProgress(1.2)).toBe("100%");
  });
  it("sizes files in binary units", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(300 * 1024 * 1024)).toBe("300 MB");
  });
  it("shows a dash for a figure not computed yet", () => {
    expect(formatOptional(null, String)).toBe("—");
    expect(formatOptional(0.35, (value) => value.toFixed(2))).toBe("0.35");
  });
  it("dollars keep enough digits for a small run", () => {
    expect(formatDollars(0)).toBe("$0");
    expect(formatDollars(12.4)).toBe("$12.40");
    expect(formatDollars(0.0425)).toBe("$0.043");
    expect(formatDollars(0.000123)).toBe("$0.00012");
  });
});
