import { describe, expect, it } from "vitest";
import type { Topic } from "../api/topicsTypes";
import { resolveTargetShares, summarizeTargets } from "./targetShares";

const leaf = (id: string, target_share: number | null): Topic => ({ id, name: id, description: "", keywords: [], examples: [], target_share, children: [] });

describe("target shares, as coverage resolves them", () => {
  it("gives every topic an equal share when none is set", () => {
    expect(resolveTargetShares([null, null, null, null])).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it("shares what the set targets leave among the others", () => {
    const shares = resolveTargetShares([0.5, null, null]);
    expect(shares[0]).toBeCloseTo(0.5);
    expect(shares[1]).toBeCloseTo(0.25);
    expect(shares[2]).toBeCloseTo(0.25);
  });

  it("scales targets that sum above 100% so they read as weights, and the unset ones get nothing", () => {
    const shares = resolveTargetShares([0.9, 0.6, null]);
    expect(shares[0]).toBeCloseTo(0.6);
    expect(shares[1]).toBeCloseTo(0.4);
    expect(shares[2]).toBe(0);
  });

  it("scales up targets that are all set and sum below 100%; a 0 stays 0", () => {
    const shares = resolveTargetShares([0.2, 0.2, 0]);
    expect(shares).toEqual([0.5, 0.5, 0]);
  });

  it("counts leaves only and says when the set targets are rescaled", () => {
    const parent: Topic = { ...leaf("t1", 0.9), children: [leaf("t1.1", 0.3), leaf("t1.2", null)] };
    const summary = summarizeTargets([parent, leaf("t2", 0.3)]);
    expect(summary.setSum).toBeCloseTo(0.6);
    expect(summary.setCount).toBe(2);
    expect(summary.unsetCount).toBe(1);
    expect(summary.resolved.get("t1.2")).toBeCloseTo(0.4);
    expect(summary.resolved.has("t1")).toBe(false);
    expect(summary.scaled).toBe(false);
    expect(summarizeTargets([leaf("a", 0.8), leaf("b", 0.8)]).scaled).toBe(true);
    expect(summarizeTargets([leaf("a", 0.2), leaf("b", 0.3)]).scaled).toBe(true);
    expect(summarizeTargets([leaf("a", 0.5), leaf("b", 0.5)]).scaled).toBe(false);
  });
});
