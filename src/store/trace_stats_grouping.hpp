#pragma once
// Usage stats from raw trace rows (the filters the rollups cannot answer: a tag, a text search,
// a session; and a deployment's arms), for both backends: rows arrive ordered by (day, model)
// and fold into one TraceStatsRow each, with exact nearest-rank latency percentiles.
#include <cstdint>
#include <string>
#include <vector>

#include "store/trace_types.hpp"

namespace reinforge::store {

class TraceStatsGrouping {
 public:
  void add(const std::string& day, const std::string& model, int64_t status, double latency_ms,
           int64_t prompt_tokens, int64_t completion_tokens);
  std::vector<TraceStatsRow> finish();

 private:
  void close_row();
  std::vector<TraceStatsRow> rows_;
  std::vector<double> latencies_;
};

}  // namespace reinforge::store
