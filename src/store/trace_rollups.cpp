#include "store/trace_rollups.hpp"

#include <cstdlib>
#include <ctime>
#include <map>

#include "store/latency_histogram.hpp"
#include "store/sql_builder.hpp"

namespace reinforge::store::trace_rollups {

namespace {

void upsert(Connection& connection, const char* table, const std::map<Group, Sums>& groups) {
  std::string sql = std::string("INSERT INTO ") + table +
                    " (bucket, model_requested, model, provider, gateway_key_id, status, endpoint, calls, "
                    "prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, latency_histogram) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT DO UPDATE SET calls = calls + excluded.calls, "
                    "prompt_tokens = prompt_tokens + excluded.prompt_tokens, "
                    "completion_tokens = completion_tokens + excluded.completion_tokens, "
                    "cached_tokens = cached_tokens + excluded.cached_tokens, "
                    "reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, "
                    "latency_histogram = latency_histogram_merge(latency_histogram, "
                    "excluded.latency_histogram)";
  for (const auto& [group, sums] : groups) {
    connection.prepare(sql)
        .bind(1, group.bucket)
        .bind(2, group.model_requested)
        .bind(3, group.model)
        .bind(4, group.provider)
        .bind(5, group.gateway_key_id)
        .bind(6, group.status)
        .bind(7, group.endpoint)
        .bind(8, sums.calls)
        .bind(9, sums.prompt_tokens)
        .bind(10, sums.completion_tokens)
        .bind(11, sums.cached_tokens)
        .bind(12, sums.reasoning_tokens)
        .bind_blob(13, sums.latency.encode())
        .execute();
  }
}

// The filters the rollups keep, on a rollup row.
SqlBuilder rollup_predicates(const TraceFilter& filter) {
  SqlBuilder sql;
  if (filter.model) sql.add(" AND (model_requested = ? OR model = ?)", {*filter.model, *filter.model});
  if (filter.provider) sql.add(" AND provider = ?", {*filter.provider});
  if (filter.gateway_key_id) sql.add(" AND gateway_key_id = ?", {*filter.gateway_key_id});
  if (filter.endpoint) sql.add(" AND endpoint = ?", {*filter.endpoint});
  if (filter.status) {
    if (*filter.status == "ok") {
      sql.add(" AND status BETWEEN 200 AND 299");
    } else if (*filter.status == "error") {
      sql.add(" AND (status < 200 OR status > 299)");
    } else {
      sql.add(" AND status = ?", {static_cast<int64_t>(std::atoll(filter.status->c_str()))});
    }
  }
  return sql;
}

int64_t floor_div(int64_t value, int64_t by) {
  int64_t quotient = value / by;
  return (value % by != 0 && (value < 0) != (by < 0)) ? quotient - 1 : quotient;
}

int64_t ceil_div(int64_t value, int64_t by) { return -floor_div(-value, by); }

std::string day_text(int64_t day) {
  std::time_t seconds = static_cast<std::time_t>(day * 86400);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
  return text;
}

}  // namespace

void Sums::add(const Sums& other) {
  calls += other.calls;
  prompt_tokens += other.prompt_tokens;
  completion_tokens += other.completion_tokens;
  cached_tokens += other.cached_tokens;
  reasoning_tokens += other.reasoning_tokens;
  latency.add(other.latency);
}

Deltas group_traces(std::span<const Trace> traces) {
  Deltas deltas;
  for (const auto& trace : traces) {
    auto& sums = deltas.hourly[Group{trace.created_at_ms / kHourMs, trace.model_requested,
                                     trace.model, trace.provider, trace.gateway_key_id.value_or(0),
                                     trace.status, trace.endpoint}];
    ++sums.calls;
    sums.prompt_tokens += trace.prompt_tokens.value_or(0);
    sums.completion_tokens += trace.completion_tokens.value_or(0);
    sums.cached_tokens += trace.cached_tokens.value_or(0);
    sums.reasoning_tokens += trace.reasoning_tokens.value_or(0);
    sums.latency.add(trace.latency_ms);
  }
  for (const auto& [group, sums] : deltas.hourly) {
    Group day = group;
    day.bucket = group.bucket / kHoursPerDay;  // as created_at / 86400000 truncates
    deltas.daily[day].add(sums);
  }
  return deltas;
}

void add_traces(Connection& connection, std::span<const Trace> traces) {
  auto deltas = group_traces(traces);
  upsert(connection, "trace_rollups_hourly", deltas.hourly);
  upsert(connection, "trace_rollups_daily", deltas.daily);
}

std::vector<Span> spans_of(const TraceFilter& filter) {
  constexpr int64_t kOpen = INT64_MAX / 4;
  if (!filter.from_ms && !filter.to_ms) return {{"trace_rollups_daily", -kOpen, kOpen, kHoursPerDay}};
  int64_t from_hour = filter.from_ms ? floor_div(*filter.from_ms, kHourMs) : -kOpen;
  int64_t to_hour = filter.to_ms ? ceil_div(*filter.to_ms, kHourMs) : kOpen;
  if (to_hour <= from_hour) return {};
  int64_t first_day = filter.from_ms ? ceil_div(from_hour, kHoursPerDay) : -kOpen;
  int64_t end_day = filter.to_ms ? floor_div(to_hour, kHoursPerDay) : kOpen;
  if (end_day <= first_day) return {{"trace_rollups_hourly", from_hour, to_hour, 1}};
  std::vector<Span> spans{{"trace_rollups_daily", first_day, end_day, kHoursPerDay}};
  if (filter.from_ms) spans.push_back({"trace_rollups_hourly", from_hour, first_day * kHoursPerDay, 1});
  if (filter.to_ms) spans.push_back({"trace_rollups_hourly", end_day * kHoursPerDay, to_hour, 1});
  return spans;
}

bool can_answer(const TraceFilter& filter) {
  return !filter.tag && !filter.text_query && !filter.session_id && !filter.last_call_of_session;
}

SqlBuilder stats_query(const Span& span, const TraceFilter& filter) {
  SqlBuilder sql;
  return sql
      .add(
          "SELECT bucket, model_requested, status, calls, prompt_tokens, completion_tokens, "
          "latency_histogram FROM ")
      .add(span.table)
      .add(" WHERE bucket >= ? AND bucket < ?", {span.from, span.to})
      .add(rollup_predicates(filter));
}

void StatsByDay::add(const Span& span, int64_t bucket, std::string model, int64_t status,
                     int64_t calls, int64_t prompt_tokens, int64_t completion_tokens,
                     const LatencyHistogram& latencies) {
  int64_t day = floor_div(bucket * span.hours_per_bucket, kHoursPerDay);
  auto& totals = by_day_and_model_[{day, std::move(model)}];
  totals.row.calls += calls;
  if (status < 200 || status > 299) totals.row.errors += calls;
  totals.row.prompt_tokens += prompt_tokens;
  totals.row.completion_tokens += completion_tokens;
  totals.latencies.add(latencies);
}

std::vector<TraceStatsRow> StatsByDay::rows() {
  std::vector<TraceStatsRow> rows;
  rows.reserve(by_day_and_model_.size());
  for (auto& [key, totals] : by_day_and_model_) {
    totals.row.day = day_text(key.first);
    totals.row.model = key.second;
    totals.row.latency_p50_ms = totals.latencies.percentile(0.50);
    totals.row.latency_p95_ms = totals.latencies.percentile(0.95);
    totals.row.latency_p99_ms = totals.latencies.percentile(0.99);
    rows.push_back(std::move(totals.row));
  }
  return rows;
}

std::vector<TraceStatsRow> stats(Connection& connection, const TraceFilter& filter) {
  StatsByDay by_day;
  for (const auto& span : spans_of(filter)) {
    auto statement = stats_query(span, filter).prepare(connection);
    while (statement.step()) {
      auto histogram = LatencyHistogram::decode(statement.column_text_view(6));
      by_day.add(span, statement.column_int(0), statement.column_text(1), statement.column_int(2),
                 statement.column_int(3), statement.column_int(4), statement.column_int(5),
                 histogram.value_or(LatencyHistogram()));
    }
  }
  return by_day.rows();
}

std::vector<EstimateQuery> estimate_queries(const TraceFilter& filter) {
  // Each equality filter alone: the filter with only that field (and no time, the spans have it).
  auto alone = [](auto field, const auto& value) {
    TraceFilter only;
    only.*field = value;
    return only;
  };
  std::vector<std::pair<std::optional<int64_t> trace_list_query::Estimates::*, TraceFilter>> wanted;
  if (filter.status && *filter.status != "ok")
    wanted.emplace_back(&trace_list_query::Estimates::failed, alone(&TraceFilter::status, filter.status));
  if (filter.gateway_key_id)
    wanted.emplace_back(&trace_list_query::Estimates::key, alone(&TraceFilter::gateway_key_id, filter.gateway_key_id));
  if (filter.provider)
    wanted.emplace_back(&trace_list_query::Estimates::provider, alone(&TraceFilter::provider, filter.provider));
  if (filter.endpoint)
    wanted.emplace_back(&trace_list_query::Estimates::endpoint, alone(&TraceFilter::endpoint, filter.endpoint));
  if (filter.model)
    wanted.emplace_back(&trace_list_query::Estimates::model, alone(&TraceFilter::model, filter.model));
  std::vector<EstimateQuery> queries;
  for (const auto& span : spans_of(filter)) {
    for (const auto& [estimate, only] : wanted) {
      SqlBuilder sql;
      sql.add("SELECT coalesce(sum(calls), 0) FROM ")
          .add(span.table)
          .add(" WHERE bucket >= ? AND bucket < ?", {span.from, span.to})
          .add(rollup_predicates(only));
      queries.push_back({estimate, std::move(sql)});
    }
  }
  return queries;
}

trace_list_query::Estimates estimates(Connection& connection, const TraceFilter& filter) {
  trace_list_query::Estimates estimates;
  for (const auto& query : estimate_queries(filter)) {
    auto statement = query.sql.prepare(connection);
    estimates.*query.estimate =
        (estimates.*query.estimate).value_or(0) + (statement.step() ? statement.column_int(0) : 0);
  }
  return estimates;
}

}  // namespace reinforge::store::trace_rollups
