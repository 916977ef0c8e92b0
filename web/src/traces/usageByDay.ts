// The stats rows (per model per day) summed per day, for the calls-per-day chart.
import type { TraceStatsRow } from "../api/tracesTypes";

export interface DayTotals {
  day: string;
  calls: number;
  errors: number;
  ok: number;
}

export function totalsByDay(rows: readonly TraceStatsRow[]): DayTotals[] {
  const days = new Map<string, DayTotals>();
  for (const row of rows) {
    const day = days.get(row.day) ?? { day: row.day, calls: 0, errors: 0, ok: 0 };
    day.calls += row.calls;
    day.errors += row.errors;
    day.ok = day.calls - day.errors;
    days.set(row.day, day);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Newest day first, then the busiest model first: the order the table reads in. */
export function sortStatsRows(rows: readonly TraceStatsRow[]): TraceStatsRow[] {
  return [...rows].sort((a, b) => b.day.localeCompare(a.day) || b.calls - a.calls || a.model.localeCompare(b.model));
}
