import { describe, expect, it } from "vitest";
import type { Coverage, TopicCoverage } from "../api/topicsTypes";
import { formatDeficit, shortLabel, tokenBucketLabel, topicsForBars, topicsShort } from "./coverageFigures";

const topic = (id: string, share: number, target: number, deficit: number): TopicCoverage => ({
  id,
  name: id,
  records: 0,
  share,
  target,
  target_set: false,
  deficit,
  confidence: {},
  sources: {},
});

const coverage = (topics: TopicCoverage[]): Coverage => ({ topics, categorized: 100, uncategorized: 0, balance_score: 0.3, balance_band: "attention", worst_topic: "b", token_lengths: [] });

describe("coverage readings", () => {
  it("lists the topics short of target, largest deficit first", () => {
    const report = coverage([topic("a", 0.5, 0.25, 0), topic("b", 0.08, 0.25, 17), topic("c", 0.17, 0.25, 8), topic("d", 0.25, 0.25, 0)]);
    expect(topicsShort(report).map((entry) => entry.id)).toEqual(["b", "c"]);
  });

  it("shows the worst-covered topics first in the panel's bars; a topic with target 0 last", () => {
    const report = coverage([topic("a", 0.5, 0.25, 0), topic("z", 0.1, 0, 0), topic("b", 0.08, 0.25, 17), topic("c", 0.17, 0.25, 8)]);
    expect(topicsForBars(report, 3).map((entry) => entry.id)).toEqual(["b", "c", "a"]);
  });

  it("writes deficits and token buckets the way the product reads them", () => {
    expect(formatDeficit(120)).toBe("−120 records");
    expect(formatDeficit(1)).toBe("−1 record");
    expect(formatDeficit(0)).toBe("");
    expect(tokenBucketLabel(0, 16)).toBe("< 16");
    expect(tokenBucketLabel(16, 32)).toBe("16–31");
    expect(shortLabel("Shipping › Late", 20)).toBe("Shipping › Late");
    expect(shortLabel("Merged small topics › routing · number", 20)).toBe("Merged small topics…");
  });
});
