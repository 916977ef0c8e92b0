#include "steps/dry_run_samples.hpp"

#include <algorithm>
#include <vector>

namespace reinforge::steps {

std::optional<SampleOrder> parse_sample_order(const std::string& text) {
  if (text.empty() || text == "index") return SampleOrder::run;
  if (text == "score") return SampleOrder::score_ascending;
  if (text == "-score") return SampleOrder::score_descending;
  if (text == "-latency") return SampleOrder::slowest;
  return std::nullopt;
}

nlohmann::json page_dry_run_samples(const nlohmann::json& report,
                                    const SamplePageRequest& request) {
  static const nlohmann::json kNone = nlohmann::json::array();
  const auto& samples = report.contains("samples") ? report["samples"] : kNone;
  std::vector<const nlohmann::json*> chosen;
  for (const auto& sample : samples) {
    if (!request.errors_only || !sample.value("error", std::string()).empty())
      chosen.push_back(&sample);
  }
  auto score_of = [](const nlohmann::json* sample) -> std::optional<double> {
    const auto& score = (*sample)["score"];
    return score.is_number() ? std::optional<double>(score.get<double>()) : std::nullopt;
  };
  auto by_score = [&](bool ascending) {
    return [&, ascending](const nlohmann::json* a, const nlohmann::json* b) {
      auto sa = score_of(a), sb = score_of(b);
      if (!sa || !sb) return sa.has_value() && !sb.has_value();
      return ascending ? *sa < *sb : *sa > *sb;
    };
  };
  switch (request.order) {
    case SampleOrder::run:
      break;
    case SampleOrder::score_ascending:
      std::stable_sort(chosen.begin(), chosen.end(), by_score(true));
      break;
    case SampleOrder::score_descending:
      std::stable_sort(chosen.begin(), chosen.end(), by_score(false));
      break;
    case SampleOrder::slowest:
      std::stable_sort(chosen.begin(), chosen.end(),
                       [](const nlohmann::json* a, const nlohmann::json* b) {
                         return a->value("latency_ms", 0.0) > b->value("latency_ms", 0.0);
                       });
      break;
  }
  nlohmann::json items = nlohmann::json::array();
  auto total = static_cast<int64_t>(chosen.size());
  for (int64_t i = request.offset; i < total && i < request.offset + request.limit; ++i) {
    auto item = *chosen[static_cast<std::size_t>(i)];
    item.erase("prompt");
    if (!item.contains("index"))
      item["index"] = static_cast<std::size_t>(chosen[static_cast<std::size_t>(i)] - &samples[0]);
    items.push_back(std::move(item));
  }
  return {{"total", total}, {"items", std::move(items)}};
}

nlohmann::json dry_run_summary(nlohmann::json report) {
  std::size_t count = report.contains("samples") ? report["samples"].size() : 0;
  report.erase("samples");
  report["sample_count"] = count;
  return report;
}

}  // namespace reinforge::steps
