#pragma once
// Reading a stored dry run's samples a page at a time (the per-sample table of step 5), so the
// run's summary never carries every sample's prompt and output.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace reinforge::steps {

enum class SampleOrder { run, score_ascending, score_descending, slowest };

// "index" (default), "score", "-score", "-latency"; nullopt for anything else.
std::optional<SampleOrder> parse_sample_order(const std::string& text);

struct SamplePageRequest {
  SampleOrder order = SampleOrder::run;
  bool errors_only = false;
  int64_t offset = 0;
  int64_t limit = 50;
};

// `report` is a stored dry-run report ({"samples": [...]}). Answers {"total", "items"}; items
// leave out "prompt". Errors (null scores) sort after every score in either score order.
nlohmann::json page_dry_run_samples(const nlohmann::json& report, const SamplePageRequest& request);

// The report as GET /dry-run answers it: everything but the samples, plus "sample_count".
nlohmann::json dry_run_summary(nlohmann::json report);

}  // namespace reinforge::steps
