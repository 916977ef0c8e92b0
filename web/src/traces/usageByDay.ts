// The stats rows (per model per day) summed per day, for the calls-per-day chart.
import type { TraceStatsRow } from "../api/tracesTypes";

export interface DayTotals {
  day: string;
  calls: number;
  errors: number;
  ok: number;
}

const DAY_MS = 86_400_000;

/** The UTC day of a time, as the stats name it (YYYY-MM-DD). */
function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The stats' rows summed per UTC day, oldest first. With a `span`, every day of it is there, a
 * day without calls as zero: "Last 30 days" shows thirty days even when only one had traffic. A
 * span without a start (all time) starts at the first day that has calls.
 */
export function totalsByDay(rows: readonly TraceStatsRow[], span?: { fromMs?: number; toMs: number }): DayTotals[] {
  const days = new Map<string, DayTotals>();
  for (const row of rows) {
    const day = days.get(row.day) ?? { day: row.day, calls: 0, errors: 0, ok: 0 };
    day.calls += row.calls;
    day.errors += row.errors;
    day.ok = day.calls - day.errors;
    days.set(row.day, day);
  }
  const sorted = [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  if (!span) return sorted;
  const first = span.fromMs !== undefined ? utcDay(span.fromMs) : sorted[0]?.day;
  if (first === undefined) return sorted;
  const filled: DayTotals[] = [];
  const last = utcDay(span.toMs);
  for (let ms = Date.parse(`${first}T00:00:00Z`); utcDay(ms) <= last; ms += DAY_MS) {
    const day = utcDay(ms);
    filled.push(days.get(day) ?? { day, calls: 0, errors: 0, ok: 0 });
  }
  // Days the span does not cover (a clock ahead of the browser's) are kept, in order.
  const covered = new Set(filled.map((entry) => entry.day));
  return [...filled, ...sorted.filter((entry) => !covered.has(entry.day))].sort((a, b) => a.day.localeCompare(b.day));
}

/** Newest day first, then the busiest model first: the order the table reads in. */
export function sortStatsRows(rows: readonly TraceStatsRow[]): TraceStatsRow[] {
  return [...rows].sort((a, b) => b.day.localeCompare(a.day) || b.calls - a.calls || a.model.localeCompare(b.model));
}
