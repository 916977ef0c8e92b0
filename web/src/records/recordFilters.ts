// The records overlay's filter controls, turned into the query the server filters by.
import type { Health, IssueSeverity, RecordOrigin, RecordQuery } from "../api/types";

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

/** "no_user_message" → "No user message". */
export function issueLabel(code: string): string {
  const words = code.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
