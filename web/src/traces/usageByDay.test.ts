import { describe, expect, it } from "vitest";
import type { TraceStatsRow } from "../api/tracesTypes";
import { sortStatsRows, totalsByDay } from "./usageByDay";

const row = (day: string, model: string, calls: number, errors: number): TraceStatsRow => ({
  day,
  model,
  calls,
  errors,
  prompt_tokens: 0,
  completion_tokens: 0,
  latency_ms: { p50: 1, p95: 2, p99: 3 },
});

describe("usage by day", () => {
  it("sums models per day, oldest day first", () => {
    expect(totalsByDay([row("2026-11-24", "a", 10, 1), row("2026-11-23", "a", 4, 0), row("2026-11-24", "b", 5, 2)])).toEqual([
      { day: "2026-11-23", calls: 4, errors: 0, ok: 4 },
      { day: "2026-11-24", calls: 15, errors: 3, ok: 12 },
    ]);
  });
  it("shows every day of the range, the quiet ones as zero", () => {
    const now = Date.parse("2026-11-24T15:00:00Z");
    const days = totalsByDay([row("2026-11-24", "a", 10, 1)], { fromMs: now - 30 * 86_400_000, toMs: now });
    expect(days).toHaveLength(31);
    expect(days[0]).toEqual({ day: "2026-10-25", calls: 0, errors: 0, ok: 0 });
    expect(days[30]).toEqual({ day: "2026-11-24", calls: 10, errors: 1, ok: 9 });
    expect(new Set(days.map((day) => day.day)).size).toBe(31);
  });
  it("starts all time at the first day with calls, and keeps a day past the range's end", () => {
    const now = Date.parse("2026-11-24T15:00:00Z");
    const days = totalsByDay([row("2026-11-22", "a", 2, 0), row("2026-11-25", "a", 1, 0)], { toMs: now });
    expect(days.map((day) => `${day.day}:${day.calls}`)).toEqual(["2026-11-22:2", "2026-11-23:0", "2026-11-24:0", "2026-11-25:1"]);
    expect(totalsByDay([], { toMs: now })).toEqual([]);
  });
  it("lists the table newest day first, busiest model first", () => {
    const sorted = sortStatsRows([row("2026-11-23", "a", 4, 0), row("2026-11-24", "a", 1, 0), row("2026-11-24", "b", 9, 0)]);
    expect(sorted.map((entry) => `${entry.day}/${entry.model}`)).toEqual(["2026-11-24/b", "2026-11-24/a", "2026-11-23/a"]);
  });
});
