// The records overlay's filter controls, turned into the query the server filters by.
import type { CursorPage, Health, IssueSeverity, RecordOrigin, RecordQuery } from "../api/types";
import { formatCount } from "../format/numbers";
import { totalLabel } from "../ui/cursorTrail";

export interface RecordFilterState {
  validity: "all" | "valid" | "invalid";
  issue: string;
  origin: RecordOrigin | "";
  /** A leaf topic id, "uncategorized", or "" for any. */
  topic: string;
  confidence: NonNullable<RecordQuery["confidence"]> | "";
  search: string;
}

export const NO_FILTERS: RecordFilterState = { validity: "all", issue: "", origin: "", topic: "", confidence: "", search: "" };

export function toRecordQuery(filters: RecordFilterState): RecordQuery {
  const query: RecordQuery = {};
  if (filters.validity !== "all") query.validity = filters.validity;
  if (filters.issue) query.issue = filters.issue;
  if (filters.origin) query.origin = filters.origin;
  if (filters.topic) query.topic = filters.topic;
  if (filters.confidence) query.confidence = filters.confidence;
  const search = filters.search.trim();
  if (search) query.q = search;
  return query;
}

export function hasFilters(filters: RecordFilterState): boolean {
  return Object.keys(toRecordQuery(filters)).length > 0;
}

/** The overlay's count: "1,042 records", "1 record matches", "10,000+ records match". */
export function recordsTotalLabel(page: Pick<CursorPage<unknown>, "total" | "total_exact">, filtered: boolean): string {
  const one = page.total === 1 && page.total_exact;
  return `${totalLabel(page.total, page.total_exact, formatCount)} record${one ? "" : "s"}${filtered ? (one ? " matches" : " match") : ""}`;
}

export interface IssueCount {
  code: string;
  severity: IssueSeverity;
  count: number;
}

/** The health report's issue codes, errors first, each group most frequent first. */
export function issueCounts(health: Health): IssueCount[] {
  const group = (counts: Record<string, number>, severity: IssueSeverity) =>
    Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([code, count]) => ({ code, severity, count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return [...group(health.errors, "error"), ...group(health.warnings, "warning")];
}

// Words that are names, written as such in a label.
const PROPER_WORDS: Record<string, string> = { json: "JSON", id: "ID", ids: "IDs", url: "URL" };

/** "no_user_message" → "No user message", "invalid_json" → "Invalid JSON". */
export function issueLabel(code: string): string {
  const words = code.split("_").map((word) => PROPER_WORDS[word] ?? word).join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
