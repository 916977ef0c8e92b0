#pragma once
// The trace rollups on PostgreSQL (trace_rollups.hpp has what both backends share): a batch's
// groups upserted with one statement per rollup, and the usage stats read from them. (The
// planner picks the index of a list itself: no estimates needed, unlike SQLite.)
#include <span>
#include <vector>

#include "store/latency_histogram.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/trace_types.hpp"

namespace reinforge::store::postgres::pg_trace_rollups {

// Adds the traces to both rollups (call inside the transaction that stores them).
void add_traces(PgConnection& connection, std::span<const Trace> traces);
std::vector<TraceStatsRow> stats(PgConnection& connection, const TraceFilter& filter);

// A latency_histogram column's text ("{...}", entries bucket * 2^48 + count), and read back.
std::string histogram_text(const LatencyHistogram& histogram);
LatencyHistogram histogram_from_text(std::string_view text);

}  // namespace reinforge::store::postgres::pg_trace_rollups
