// Target shares as coverage reads them (src/coverage/target_shares.cpp, docs/topics.md): only
// leaf topics' targets count; topics without one share equally what the set ones leave; the
// result is scaled to sum to 1. The editor shows this before saving, so the person sees what
// their numbers will mean; the coverage dashboard shows the server's own figures.
import type { Topic } from "../api/topicsTypes";
import { leafTopics } from "./topicTree";

export function resolveTargetShares(targets: (number | null)[]): number[] {
  let setSum = 0;
  let unset = 0;
  for (const target of targets) {
    if (target === null) unset += 1;
    else setSum += Math.max(0, target);
  }
  const eachUnset = unset === 0 ? 0 : Math.max(0, 1 - setSum) / unset;
  const shares = targets.map((target) => (target === null ? eachUnset : Math.max(0, target)));
  const total = shares.reduce((sum, share) => sum + share, 0);
  return total > 0 ? shares.map((share) => share / total) : shares;
}

export interface TargetSummary {
  /** Sum of the targets the person set, over leaves. */
  setSum: number;
  setCount: number;
  unsetCount: number;
  /** Leaf id → the share coverage will use. */
  resolved: Map<string, number>;
  /** The set targets are scaled down (they sum above 100%) or up (all set, below 100%). */
  scaled: boolean;
}

export function summarizeTargets(topics: Topic[]): TargetSummary {
  const leaves = leafTopics(topics);
  const targets = leaves.map((leaf) => leaf.target_share);
  const resolved = resolveTargetShares(targets);
  const set = targets.filter((target): target is number => target !== null);
  const setSum = set.reduce((sum, target) => sum + Math.max(0, target), 0);
  const unsetCount = targets.length - set.length;
  const scaled = set.length > 0 && (setSum > 1 + 1e-9 || (unsetCount === 0 && Math.abs(setSum - 1) > 1e-9 && setSum > 0));
  return { setSum, setCount: set.length, unsetCount, resolved: new Map(leaves.map((leaf, index) => [leaf.id, resolved[index] ?? 0])), scaled };
}
