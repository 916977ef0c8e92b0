// Calls, errors, tokens and latency percentiles per model per day, from /api/traces/stats.
import { useMemo, useState } from "react";
import { formatCount, formatPercent } from "../format/numbers";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { TIME_RANGES, toTraceFilterFields, NO_TRACE_FILTERS, type TimeRange } from "../traces/traceFilters";
import { formatLatency } from "../traces/traceFormat";
import { useTraceStats } from "../traces/traceQueries";
import { sortStatsRows, totalsByDay } from "../traces/usageByDay";
import { CallsPerDayChart } from "./CallsPerDayChart";

const RANGES = TIME_RANGES.filter((range) => range.id !== "custom" && range.id !== "1h");

export function UsagePanel() {
  const [range, setRange] = useState<TimeRange>("30d");
  const [nowMs, filter] = useMemo(() => {
    const now = Date.now();
    return [now, toTraceFilterFields({ ...NO_TRACE_FILTERS, range }, now)] as const;
  }, [range]);
  const stats = useTraceStats(filter);
  const rows = useMemo(() => sortStatsRows(stats.data?.items ?? []), [stats.data]);
  const days = useMemo(() => totalsByDay(rows, { fromMs: filter.from !== undefined ? Number(filter.from) : undefined, toMs: nowMs }), [rows, filter, nowMs]);

  return (
    <div className="usage">
      <div className="filters">
        <label className="filter">
          <span>Time</span>
          <select value={range} onChange={(event) => setRange(event.target.value as TimeRange)}>
            {RANGES.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted usage-note">Days are UTC days; latency is the whole call as the caller saw it.</span>
      </div>
      {stats.isPending ? (
        <LoadingState label="Counting calls…" />
      ) : stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => stats.refetch()} title="The usage could not be loaded" />
      ) : rows.length === 0 ? (
        <EmptyState title="No calls in this period">Calls through the gateway are counted here per model and day.</EmptyState>
      ) : (
        <>
          <div className="card usage-chart-card">
            <h3>Calls per day</h3>
            <CallsPerDayChart days={days} />
          </div>
          <div className="table-card">
            <table className="table usage-table" data-testid="usage-table">
              <thead>
                <tr>
                  <th>Day</th>
                  <th>Model</th>
                  <th className="numeric">Calls</th>
                  <th className="numeric">Errors</th>
                  <th className="numeric">Tokens in</th>
                  <th className="numeric">Tokens out</th>
                  <th className="numeric">p50</th>
                  <th className="numeric">p95</th>
                  <th className="numeric">p99</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.day}/${row.model}`}>
                    <td>{row.day}</td>
                    <td>{row.model || <em className="muted">(no model: refused before routing)</em>}</td>
                    <td className="numeric">{formatCount(row.calls)}</td>
                    <td className={`numeric${row.errors > 0 ? " tone-text-bad" : ""}`}>
                      {formatCount(row.errors)}
                      {row.errors > 0 && <span className="muted"> ({formatPercent((100 * row.errors) / row.calls)})</span>}
                    </td>
                    <td className="numeric">{formatCount(row.prompt_tokens)}</td>
                    <td className="numeric">{formatCount(row.completion_tokens)}</td>
                    <td className="numeric">{formatLatency(row.latency_ms.p50)}</td>
                    <td className="numeric">{formatLatency(row.latency_ms.p95)}</td>
                    <td className="numeric">{formatLatency(row.latency_ms.p99)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
