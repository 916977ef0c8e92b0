#include "store/postgres/pg_trace_rollups.hpp"

#include <charconv>

#include "store/postgres/pg_sql_builder.hpp"
#include "store/trace_rollups.hpp"

namespace reinforge::store::postgres::pg_trace_rollups {

namespace {

constexpr int kCountBits = 48;
constexpr uint64_t kCountMask = (uint64_t{1} << kCountBits) - 1;

// An array literal's element, quoted: any text is safe inside double quotes once " and \ are
// escaped.
void append_element(std::string& array, std::string_view text) {
  if (array.size() > 1) array += ',';
  array += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') array += '\\';
    array += c;
  }
  array += '"';
}

// Each group's columns as one array per column, unnested by the upsert: a batch's groups in one
// statement whatever their number. Groups come sorted (a std::map), so two writers would lock
// rows in the same order.
void upsert(PgConnection& connection, const std::string& table,
            const std::map<trace_rollups::Group, trace_rollups::Sums>& groups) {
  if (groups.empty()) return;
  std::vector<std::string> columns(13, "{");
  for (const auto& [group, sums] : groups) {
    append_element(columns[0], std::to_string(group.bucket));
    append_element(columns[1], group.model_requested);
    append_element(columns[2], group.model);
    append_element(columns[3], group.provider);
    append_element(columns[4], std::to_string(group.gateway_key_id));
    append_element(columns[5], std::to_string(group.status));
    append_element(columns[6], group.endpoint);
    append_element(columns[7], std::to_string(sums.calls));
    append_element(columns[8], std::to_string(sums.prompt_tokens));
    append_element(columns[9], std::to_string(sums.completion_tokens));
    append_element(columns[10], std::to_string(sums.cached_tokens));
    append_element(columns[11], std::to_string(sums.reasoning_tokens));
    append_element(columns[12], histogram_text(sums.latency));
  }
  std::vector<PgValue> params;
  for (auto& column : columns) params.emplace_back(std::move(column += "}"));
  connection.exec(
      "INSERT INTO " + table +
          " AS r (bucket, model_requested, model, provider, gateway_key_id, status, endpoint, "
          "calls, "
          "prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, latency_histogram) "
          "SELECT b, mr, m, p, k, s, e, c, pt, ct, cat, rt, h::bigint[] FROM unnest($1::bigint[], "
          "$2::text[], $3::text[], $4::text[], $5::bigint[], $6::integer[], $7::text[], "
          "$8::bigint[], "
          "$9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::text[]) "
          "AS u(b, mr, m, p, k, s, e, c, pt, ct, cat, rt, h) "
          "ON CONFLICT (bucket, model_requested, model, provider, gateway_key_id, status, "
          "endpoint) "
          "DO UPDATE SET calls = r.calls + excluded.calls, "
          "prompt_tokens = r.prompt_tokens + excluded.prompt_tokens, "
          "completion_tokens = r.completion_tokens + excluded.completion_tokens, "
          "cached_tokens = r.cached_tokens + excluded.cached_tokens, "
          "reasoning_tokens = r.reasoning_tokens + excluded.reasoning_tokens, "
          "latency_histogram = latency_histogram_merge(r.latency_histogram, "
          "excluded.latency_histogram)",
      params);
}

}  // namespace

std::string histogram_text(const LatencyHistogram& histogram) {
  std::string text = "{";
  for (const auto& [bucket, count] : histogram.buckets()) {
    if (text.size() > 1) text += ',';
    text += std::to_string(
        static_cast<int64_t>((uint64_t{bucket} << kCountBits) + std::min(count, kCountMask)));
  }
  return text + "}";
}

LatencyHistogram histogram_from_text(std::string_view text) {
  LatencyHistogram histogram;
  const char* at = text.data();
  const char* end = text.data() + text.size();
  while (at < end) {
    if (*at < '0' || *at > '9') {
      ++at;
      continue;
    }
    int64_t entry = 0;
    at = std::from_chars(at, end, entry).ptr;
    auto value = static_cast<uint64_t>(entry);
    histogram.add_to_bucket(static_cast<int>(value >> kCountBits), value & kCountMask);
  }
  return histogram;
}

void add_traces(PgConnection& connection, std::span<const Trace> traces) {
  auto deltas = trace_rollups::group_traces(traces);
  upsert(connection, "trace_rollups_hourly", deltas.hourly);
  upsert(connection, "trace_rollups_daily", deltas.daily);
}

std::vector<TraceStatsRow> stats(PgConnection& connection, const TraceFilter& filter) {
  trace_rollups::StatsByDay by_day;
  for (const auto& span : trace_rollups::spans_of(filter)) {
    auto rows = exec(connection, trace_rollups::stats_query(span, filter));
    for (int row = 0; row < rows.rows(); ++row) {
      by_day.add(span, rows.int_at(row, 0), rows.text_at(row, 1), rows.int_at(row, 2),
                 rows.int_at(row, 3), rows.int_at(row, 4), rows.int_at(row, 5),
                 histogram_from_text(rows.text_at(row, 6)));
    }
  }
  return by_day.rows();
}

}  // namespace reinforge::store::postgres::pg_trace_rollups
