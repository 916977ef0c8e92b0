#include "store/trace_stats_grouping.hpp"

#include <algorithm>
#include <cmath>

namespace reinforge::store {

namespace {

double percentile(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

void TraceStatsGrouping::add(const std::string& day, const std::string& model, int64_t status,
                             double latency_ms, int64_t prompt_tokens, int64_t completion_tokens) {
  if (rows_.empty() || rows_.back().day != day || rows_.back().model != model) {
    close_row();
    rows_.push_back({day, model});
  }
  auto& row = rows_.back();
  ++row.calls;
  if (status < 200 || status > 299) ++row.errors;
  latencies_.push_back(latency_ms);
  row.prompt_tokens += prompt_tokens;
  row.completion_tokens += completion_tokens;
}

void TraceStatsGrouping::close_row() {
  if (rows_.empty()) return;
  std::sort(latencies_.begin(), latencies_.end());
  rows_.back().latency_p50_ms = percentile(latencies_, 0.50);
  rows_.back().latency_p95_ms = percentile(latencies_, 0.95);
  rows_.back().latency_p99_ms = percentile(latencies_, 0.99);
  latencies_.clear();
}

std::vector<TraceStatsRow> TraceStatsGrouping::finish() {
  close_row();
  return std::move(rows_);
}

}  // namespace reinforge::store
