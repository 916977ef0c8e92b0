#pragma once
// Hourly and daily rollups of the traces (calls, tokens and a latency histogram per bucket ×
// requested model × answering model × provider × key × status × endpoint), kept by the trace
// writer in the same transaction as the traces. The usage stats read only these, so they cost
// the same at ten million traces as at a thousand; pruning old traces leaves them (the charts
// keep their history).
//
// The grouping of a batch, the spans of rollup rows a filter reads, their SQL and the folding of
// their rows into stats are shared by both backends; the functions taking a Connection are
// SQLite's (postgres/pg_trace_rollups.* has PostgreSQL's).
#include <compare>
#include <cstdint>
#include <map>
#include <span>
#include <string_view>
#include <vector>

#include "store/latency_histogram.hpp"
#include "store/sql_builder.hpp"
#include "store/sqlite_connection.hpp"
#include "store/trace_list_query.hpp"
#include "store/trace_types.hpp"

namespace reinforge::store::trace_rollups {

inline constexpr int64_t kHourMs = 3600000;
inline constexpr int64_t kHoursPerDay = 24;

// One rollup row's group (its views point into the traces grouped).
struct Group {
  int64_t bucket;
  std::string_view model_requested, model, provider;
  int64_t gateway_key_id, status;
  std::string_view endpoint;
  auto operator<=>(const Group&) const = default;
};

struct Sums {
  int64_t calls = 0, prompt_tokens = 0, completion_tokens = 0, cached_tokens = 0,
          reasoning_tokens = 0;
  LatencyHistogram latency;
  void add(const Sums& other);
};

// What a batch adds to each rollup, grouped in memory: reading the rows just written back with a
// GROUP BY cost the writer more (a batch has a handful of groups for thousands of traces).
struct Deltas {
  std::map<Group, Sums> hourly, daily;
};
Deltas group_traces(std::span<const Trace> traces);

// Adds the traces to both rollups (call inside the transaction that stores them).
void add_traces(Connection& connection, std::span<const Trace> traces);

// Whether the rollups can answer stats for this filter: not for a tag, a text search or a
// session, which they do not keep.
bool can_answer(const TraceFilter& filter);

// A span of rollup rows: [from, to) in the table's own buckets (hours or days).
struct Span {
  const char* table;
  int64_t from, to;
  int64_t hours_per_bucket;
};
// The daily rows for the whole days inside the filter's hours, hourly rows for the rest.
std::vector<Span> spans_of(const TraceFilter& filter);
// bucket, model_requested, status, calls, prompt_tokens, completion_tokens, latency_histogram of
// the span's rows the filter keeps.
SqlBuilder stats_query(const Span& span, const TraceFilter& filter);

// Rollup rows added up per UTC day per requested model, with percentiles from their histograms.
class StatsByDay {
 public:
  void add(const Span& span, int64_t bucket, std::string model, int64_t status, int64_t calls,
           int64_t prompt_tokens, int64_t completion_tokens, const LatencyHistogram& latencies);
  std::vector<TraceStatsRow> rows();

 private:
  struct Totals {
    TraceStatsRow row;
    LatencyHistogram latencies;
  };
  std::map<std::pair<int64_t, std::string>, Totals> by_day_and_model_;
};

// Per UTC day per requested model. Time bounds are rounded outwards to whole hours.
std::vector<TraceStatsRow> stats(Connection& connection, const TraceFilter& filter);

// The counts that estimate how many calls each equality filter of `filter` matches alone: one
// query per span for each, every query "SELECT coalesce(sum(calls), 0) ...".
struct EstimateQuery {
  std::optional<int64_t> trace_list_query::Estimates::*estimate;
  SqlBuilder sql;
};
std::vector<EstimateQuery> estimate_queries(const TraceFilter& filter);
// How many calls each equality filter of `filter` matches alone, over its time range.
trace_list_query::Estimates estimates(Connection& connection, const TraceFilter& filter);

}  // namespace reinforge::store::trace_rollups
