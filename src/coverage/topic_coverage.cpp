#include "coverage/topic_coverage.hpp"

#include <algorithm>
#include <cmath>

#include "coverage/target_shares.hpp"

namespace reinforge::coverage {

int64_t coverage_deficit(double target, int64_t n, int64_t count) {
  double wanted = target * static_cast<double>(n) - static_cast<double>(count);
  return static_cast<int64_t>(std::floor(wanted + 1e-9));
}

CoverageReport compute_coverage(const std::vector<TopicCount>& counts, int64_t uncategorized_records) {
  CoverageReport report;
  report.uncategorized_records = uncategorized_records;
  std::vector<std::optional<double>> targets;
  for (const auto& count : counts) {
    report.categorized_records += std::max<int64_t>(0, count.records);
    targets.push_back(count.target_share);
  }
  auto resolved = resolve_target_shares(targets);
  const auto n = report.categorized_records;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    TopicCoverage row;
    row.topic_id = counts[i].topic_id;
    row.records = std::max<int64_t>(0, counts[i].records);
    row.share = n == 0 ? 0.0 : static_cast<double>(row.records) / static_cast<double>(n);
    row.target = resolved[i];
    row.deficit = coverage_deficit(row.target, n, row.records);
    report.topics.push_back(row);
  }
  if (n == 0) return report;
  for (const auto& row : report.topics) {
    if (row.target <= 0) continue;
    double fulfilment = std::min(1.0, row.share / row.target);
    if (!report.balance_score || fulfilment < *report.balance_score) {
      report.balance_score = fulfilment;
      report.worst_topic_id = row.topic_id;
    }
  }
  return report;
}

}  // namespace reinforge::coverage
