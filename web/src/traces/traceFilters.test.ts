import { describe, expect, it } from "vitest";
import { buildQuery } from "../api/http";
import { describeTraceFilter, hasTraceFilters, NO_TRACE_FILTERS, rangeProblem, savedFilterForSelection, toTraceFilterFields, traceFilterFromParams, traceFilterParams, withSessionCalls } from "./traceFilters";

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const HOUR = 3_600_000;

describe("trace filters → server fields", () => {
  it("sends nothing for all time and no filters", () => {
    expect(toTraceFilterFields(NO_TRACE_FILTERS, NOW)).toEqual({});
    expect(hasTraceFilters(NO_TRACE_FILTERS)).toBe(false);
  });

  it("turns each preset into a start only, counted back from now, so later traces still match", () => {
    expect(toTraceFilterFields({ ...NO_TRACE_FILTERS, range: "1h" }, NOW)).toEqual({ from: String(NOW - HOUR) });
    expect(toTraceFilterFields({ ...NO_TRACE_FILTERS, range: "24h" }, NOW)).toEqual({ from: String(NOW - 24 * HOUR) });
    expect(toTraceFilterFields({ ...NO_TRACE_FILTERS, range: "7d" }, NOW)).toEqual({ from: String(NOW - 7 * 24 * HOUR) });
    expect(toTraceFilterFields({ ...NO_TRACE_FILTERS, range: "30d" }, NOW)).toEqual({ from: String(NOW - 30 * 24 * HOUR) });
  });

  it("reads a custom range in local time, either end optional", () => {
    const state = { ...NO_TRACE_FILTERS, range: "custom" as const, customFrom: "2026-11-20T08:30", customTo: "" };
    expect(toTraceFilterFields(state, NOW)).toEqual({ from: String(new Date("2026-11-20T08:30").getTime()) });
    expect(toTraceFilterFields({ ...state, customFrom: "", customTo: "2026-11-21T00:00" }, NOW)).toEqual({ to: String(new Date("2026-11-21T00:00").getTime()) });
    // Custom dates are ignored under a preset.
    expect(toTraceFilterFields({ ...state, range: "all" }, NOW)).toEqual({});
  });

  it("flags a custom range that ends before it starts", () => {
    expect(rangeProblem({ ...NO_TRACE_FILTERS, range: "custom", customFrom: "2026-11-21T00:00", customTo: "2026-11-20T00:00" })).toMatch(/before its start/);
    expect(rangeProblem({ ...NO_TRACE_FILTERS, range: "custom", customFrom: "2026-11-20T00:00", customTo: "2026-11-21T00:00" })).toBeNull();
    expect(rangeProblem({ ...NO_TRACE_FILTERS, range: "7d", customFrom: "2026-11-21T00:00", customTo: "2026-11-20T00:00" })).toBeNull();
  });

  it("trims text, leaves out empty fields and builds the query string the server reads", () => {
    const fields = toTraceFilterFields({ ...NO_TRACE_FILTERS, model: " gpt-4o ", status: "error", key: "3", tag: "prod", search: "refund & card", provider: "" }, NOW);
    expect(fields).toEqual({ model: "gpt-4o", status: "error", key: "3", tag: "prod", q: "refund & card" });
    expect(buildQuery({ ...fields, offset: 50, limit: 50 })).toBe("?model=gpt-4o&status=error&key=3&tag=prod&q=refund+%26+card&offset=50&limit=50");
  });

  it("filters by the protocol the caller spoke", () => {
    expect(toTraceFilterFields({ ...NO_TRACE_FILTERS, endpoint: "responses" }, NOW)).toEqual({ endpoint: "responses" });
    expect(hasTraceFilters({ ...NO_TRACE_FILTERS, endpoint: "messages" })).toBe(true);
  });

  it("adds the last call of each session only when asked", () => {
    expect(withSessionCalls({ model: "m" }, "every")).toEqual({ model: "m" });
    expect(withSessionCalls({ model: "m" }, "last_of_session")).toEqual({ model: "m", calls: "last_of_session" });
    expect(buildQuery({ ...withSessionCalls({ endpoint: "responses" }, "last_of_session") })).toBe("?endpoint=responses&calls=last_of_session");
  });
});

describe("describeTraceFilter", () => {
  it("says a saved filter in words, with the key's name when known", () => {
    const from = String(Date.UTC(2026, 10, 24, 12, 0)); // noon UTC: 24 Nov in every time zone but UTC+12 and beyond
    const text = describeTraceFilter({ from, model: "gpt-4o", status: "ok", key: "3", tag: "prod", q: "refund" }, (id) => (id === "3" ? "checkout" : undefined));
    expect(text).toMatch(/^Since 24 Nov 2026/);
    expect(text).toContain("model gpt-4o · successful calls · key checkout · tag prod · text “refund”");
  });
  it("says all time for an empty filter and falls back to the key id", () => {
    expect(describeTraceFilter({})).toBe("All time");
    expect(describeTraceFilter({ key: "9" })).toBe("All time · key #9");
    expect(describeTraceFilter({ status: "429" })).toBe("All time · status 429");
  });
  it("says the protocol, the session and the last-call choice", () => {
    expect(describeTraceFilter({ endpoint: "messages", calls: "last_of_session" })).toBe("All time · Anthropic Messages calls · the last call of each session");
    expect(describeTraceFilter({ endpoint: "chat.completions" })).toBe("All time · Chat completions calls");
    expect(describeTraceFilter({ session: "ses_1" })).toBe("All time · session ses_1");
  });
});

describe("savedFilterForSelection", () => {
  it("starts the saved filter just after the newest matching trace, so a pull skips the rows left unticked", () => {
    expect(savedFilterForSelection({ model: "m" }, 5000)).toEqual({ model: "m", from: "5001" });
    expect(savedFilterForSelection({ from: "1000", tag: "t" }, 5000)).toEqual({ from: "5001", tag: "t" });
  });
  it("keeps a later start, and the filter as is when nothing matched", () => {
    expect(savedFilterForSelection({ from: "9000" }, 5000)).toEqual({ from: "9000" });
    expect(savedFilterForSelection({ model: "m" }, undefined)).toEqual({ model: "m" });
  });
});

describe("trace filters in the address", () => {
  it("carries only what is set, and reads it back", () => {
    const state = { ...NO_TRACE_FILTERS, range: "7d" as const, model: "gpt-4o", status: "error" as const, key: "3", tag: "prod", search: "refund please", endpoint: "responses" as const };
    const params = traceFilterParams(state);
    expect(params).toEqual([
      ["range", "7d"],
      ["model", "gpt-4o"],
      ["status", "error"],
      ["key", "3"],
      ["tag", "prod"],
      ["q", "refund please"],
      ["endpoint", "responses"],
    ]);
    expect(traceFilterFromParams(new URLSearchParams(params))).toEqual(state);
    expect(traceFilterParams(NO_TRACE_FILTERS)).toEqual([]);
  });
  it("keeps a custom range's ends only with the custom range", () => {
    const custom = { ...NO_TRACE_FILTERS, range: "custom" as const, customFrom: "2026-11-24T10:00", customTo: "" };
    expect(traceFilterParams(custom)).toEqual([["range", "custom"], ["from", "2026-11-24T10:00"]]);
    expect(traceFilterParams({ ...custom, range: "24h" })).toEqual([["range", "24h"]]);
  });
  it("leaves a value the page does not offer at its default", () => {
    const read = traceFilterFromParams(new URLSearchParams("range=forever&status=teapot&endpoint=smtp&key=abc&tab=traces"));
    expect(read).toEqual(NO_TRACE_FILTERS);
  });
});
