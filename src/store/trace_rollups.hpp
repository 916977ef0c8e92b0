#pragma once
// Hourly and daily rollups of the traces (calls, tokens and a latency histogram per bucket ×
// requested model × answering model × provider × key × status × endpoint), kept by the trace
// writer in the same transaction as the traces. The usage stats read only these, so they cost
// the same at ten million traces as at a thousand; pruning old traces leaves them (the charts
// keep their history).
#include <cstdint>
#include <span>
#include <vector>

#include "store/sqlite_connection.hpp"
#include "store/trace_list_query.hpp"
#include "store/trace_types.hpp"

namespace reinforge::store::trace_rollups {

// Adds the traces to both rollups (call inside the transaction that stores them).
void add_traces(Connection& connection, std::span<const Trace> traces);

// Whether the rollups can answer stats for this filter: not for a tag, a text search or a
// session, which they do not keep.
bool can_answer(const TraceFilter& filter);
// Per UTC day per requested model. Time bounds are rounded outwards to whole hours.
std::vector<TraceStatsRow> stats(Connection& connection, const TraceFilter& filter);
// How many calls each equality filter of `filter` matches alone, over its time range.
trace_list_query::Estimates estimates(Connection& connection, const TraceFilter& filter);

// Both rollups recounted from the raw rows into `*_recount` tables (tests compare them).
void recount_into_temp_tables(Connection& connection);

}  // namespace reinforge::store::trace_rollups
