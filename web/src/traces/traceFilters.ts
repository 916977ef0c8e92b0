// The trace filter controls (shared by the traces tab and the Gateway page), turned into the
// fields the server filters by, and back into words for the canvas.
import type { TraceFilterFields } from "../api/tracesTypes";
import { endpointLabel, isTraceEndpoint, type TraceEndpoint } from "./traceEndpoints";

export type TimeRange = "1h" | "24h" | "7d" | "30d" | "all" | "custom";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const TIME_RANGES: { id: TimeRange; label: string; spanMs?: number }[] = [
  { id: "1h", label: "Last hour", spanMs: HOUR_MS },
  { id: "24h", label: "Last 24 hours", spanMs: DAY_MS },
  { id: "7d", label: "Last 7 days", spanMs: 7 * DAY_MS },
  { id: "30d", label: "Last 30 days", spanMs: 30 * DAY_MS },
  { id: "all", label: "All time" },
  { id: "custom", label: "Custom range…" },
];

export interface TraceFilterState {
  range: TimeRange;
  /** `<input type="datetime-local">` values, in the browser's time zone; used by "custom". */
  customFrom: string;
  customTo: string;
  model: string;
  provider: string;
  status: "" | "ok" | "error";
  /** A gateway key id, as text. */
  key: string;
  tag: string;
  search: string;
  /** "" for every protocol. */
  endpoint: "" | TraceEndpoint;
}

export const NO_TRACE_FILTERS: TraceFilterState = {
  range: "all",
  customFrom: "",
  customTo: "",
  model: "",
  provider: "",
  status: "",
  key: "",
  tag: "",
  search: "",
  endpoint: "",
};

/** A datetime-local value ("2026-11-24T10:00") in local time as Unix ms; undefined when empty or unreadable. */
export function localInputToMs(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The fields the server filters by. A preset range sets only `from` (now minus the span), so a
 * dataset made with it keeps pulling the traces that arrive later; a custom range sets both ends.
 */
export function toTraceFilterFields(state: TraceFilterState, nowMs: number): TraceFilterFields {
  const fields: TraceFilterFields = {};
  const preset = TIME_RANGES.find((range) => range.id === state.range);
  if (preset?.spanMs !== undefined) fields.from = String(nowMs - preset.spanMs);
  if (state.range === "custom") {
    const from = localInputToMs(state.customFrom);
    const to = localInputToMs(state.customTo);
    if (from !== undefined) fields.from = String(from);
    if (to !== undefined) fields.to = String(to);
  }
  const text = (value: string) => value.trim() || undefined;
  const set = <K extends keyof TraceFilterFields>(key: K, value: string | undefined) => {
    if (value) fields[key] = value;
  };
  set("model", text(state.model));
  set("provider", text(state.provider));
  set("status", state.status || undefined);
  set("key", text(state.key));
  set("tag", text(state.tag));
  set("q", text(state.search));
  set("endpoint", state.endpoint || undefined);
  return fields;
}

/** Whether anything beyond "all time" narrows the list. */
export function hasTraceFilters(state: TraceFilterState): boolean {
  return Object.keys(toTraceFilterFields(state, 0)).length > 0;
}

/** A custom "to" before "from" matches nothing; say so instead of showing an empty list. */
export function rangeProblem(state: TraceFilterState): string | null {
  if (state.range !== "custom") return null;
  const from = localInputToMs(state.customFrom);
  const to = localInputToMs(state.customTo);
  if (from !== undefined && to !== undefined && to <= from) return "The end of the range is before its start.";
  return null;
}

const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });

function formatFilterTime(value: string): string {
  const ms = /^\d+$/.test(value) ? Number(value) : new Date(value).getTime();
  return Number.isNaN(ms) ? value : dateTime.format(new Date(ms));
}

/**
 * A saved filter in words, for the canvas: "Since 24 Nov 2026, 10:00 · model gpt-4o · tag prod".
 * `keyName` turns a key id into the key's name when known.
 */
export function describeTraceFilter(fields: TraceFilterFields, keyName?: (id: string) => string | undefined): string {
  const parts: string[] = [];
  if (fields.from && fields.to) parts.push(`${formatFilterTime(fields.from)} – ${formatFilterTime(fields.to)}`);
  else if (fields.from) parts.push(`Since ${formatFilterTime(fields.from)}`);
  else if (fields.to) parts.push(`Until ${formatFilterTime(fields.to)}`);
  else parts.push("All time");
  if (fields.model) parts.push(`model ${fields.model}`);
  if (fields.provider) parts.push(`provider ${fields.provider}`);
  if (fields.status) parts.push(fields.status === "ok" ? "successful calls" : fields.status === "error" ? "failed calls" : `status ${fields.status}`);
  if (fields.key) parts.push(`key ${keyName?.(fields.key) ?? "#" + fields.key}`);
  if (fields.tag) parts.push(`tag ${fields.tag}`);
  if (fields.q) parts.push(`text “${fields.q}”`);
  if (fields.endpoint) parts.push(`${endpointLabel(fields.endpoint)} calls`);
  if (fields.session) parts.push(`session ${fields.session}`);
  if (fields.calls === "last_of_session") parts.push("the last call of each session");
  return parts.join(" · ");
}

/**
 * The filter to save with a dataset made from hand-picked traces. The server keeps the filter for
 * "Pull new traces", which adds every matching trace not yet in the dataset: with the filter as
 * is, a pull would bring back the rows the user left unticked. Starting it just after the newest
 * matching trace at creation means a pull brings only traces that arrive later.
 */
export function savedFilterForSelection(fields: TraceFilterFields, newestMatchingMs: number | undefined): TraceFilterFields {
  if (newestMatchingMs === undefined) return fields;
  const after = newestMatchingMs + 1;
  const from = fields.from && /^\d+$/.test(fields.from) ? Math.max(Number(fields.from), after) : after;
  return { ...fields, from: String(from) };
}

/** Which calls of a session a dataset takes: each one, or only the latest (the whole episode once). */
export type SessionCalls = "every" | "last_of_session";

/** The filter with the dataset form's choice of calls; "every" sends nothing, as before sessions. */
export function withSessionCalls(fields: TraceFilterFields, calls: SessionCalls): TraceFilterFields {
  return calls === "last_of_session" ? { ...fields, calls } : fields;
}

// The filters in a page's address, each by a short name, so a reload or a shared link shows the
// same traces. Time presets stay presets ("last hour" from when the link is opened).
const PARAM_NAMES: Record<keyof TraceFilterState, string> = {
  range: "range",
  customFrom: "from",
  customTo: "to",
  model: "model",
  provider: "provider",
  status: "status",
  key: "key",
  tag: "tag",
  search: "q",
  endpoint: "endpoint",
};

/** The filters that are set, as the address's parameters. */
export function traceFilterParams(state: TraceFilterState): [string, string][] {
  const params: [string, string][] = [];
  for (const field of Object.keys(PARAM_NAMES) as (keyof TraceFilterState)[]) {
    const value = state[field];
    if (value === NO_TRACE_FILTERS[field]) continue;
    if ((field === "customFrom" || field === "customTo") && state.range !== "custom") continue;
    params.push([PARAM_NAMES[field], value]);
  }
  return params;
}

/** The filters an address asks for; a value this page does not offer is left at its default. */
export function traceFilterFromParams(params: URLSearchParams): TraceFilterState {
  const text = (field: keyof TraceFilterState) => params.get(PARAM_NAMES[field]) ?? "";
  const range = text("range");
  const status = text("status");
  const endpoint = text("endpoint");
  return {
    range: TIME_RANGES.some((option) => option.id === range) ? (range as TimeRange) : NO_TRACE_FILTERS.range,
    customFrom: text("customFrom"),
    customTo: text("customTo"),
    model: text("model"),
    provider: text("provider"),
    status: status === "ok" || status === "error" ? status : "",
    key: /^\d+$/.test(text("key")) ? text("key") : "",
    tag: text("tag"),
    search: text("search"),
    endpoint: isTraceEndpoint(endpoint) ? endpoint : "",
  };
}
