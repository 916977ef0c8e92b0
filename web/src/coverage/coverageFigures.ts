// Readings of the server's coverage report for the step 3 panel and the dashboard: which topics
// are short of their target, in what order to show them. No rule is recomputed here: shares,
// targets, deficits, the score and its band are the server's.
import type { Coverage, TopicCoverage } from "../api/topicsTypes";

/** Topics short of their target, the largest deficit first. */
export function topicsShort(coverage: Coverage): TopicCoverage[] {
  return coverage.topics.filter((topic) => topic.deficit > 0).sort((a, b) => b.deficit - a.deficit || a.name.localeCompare(b.name));
}

/** For the panel's small bars: the worst-covered topics first (share against target), at most `limit`. */
export function topicsForBars(coverage: Coverage, limit: number): TopicCoverage[] {
  const ratio = (topic: TopicCoverage) => (topic.target > 0 ? topic.share / topic.target : Number.POSITIVE_INFINITY);
  return [...coverage.topics].sort((a, b) => ratio(a) - ratio(b) || a.name.localeCompare(b.name)).slice(0, limit);
}

/** "−120 records" as PRODUCT.md §5 writes a deficit. */
export function formatDeficit(deficit: number): string {
  return deficit > 0 ? `−${new Intl.NumberFormat("en-US").format(deficit)} record${deficit === 1 ? "" : "s"}` : "";
}

/** "(0, 64]" → "≤ 64"; later buckets "65–128". */
export function tokenBucketLabel(from: number, to: number): string {
  // Buckets are [from, to): the server doubles them from 16 tokens.
  return from === 0 ? `< ${to}` : `${from}–${to - 1}`;
}

/** A chart axis label cut to `max` characters, the end marked. */
export function shortLabel(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
