#pragma once
// Coverage of a dataset's topics (PRODUCT.md §5): per topic its count, share, target and
// deficit, and the balance score over all of them. Pure: counts in, numbers out.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reinforge::coverage {

struct TopicCount {
  std::string topic_id;
  int64_t records = 0;                 // categorized valid records in this (leaf) topic
  std::optional<double> target_share;  // as the user set it; nullopt: default
};

struct TopicCoverage {
  std::string topic_id;
  int64_t records = 0;
  double share = 0;   // of the categorized valid records (0 when there are none)
  double target = 0;  // resolved (coverage/target_shares.hpp)
  // floor(target × N − records): records to add to reach the target; ≤ 0 when it is met.
  int64_t deficit = 0;
};

struct CoverageReport {
  std::vector<TopicCoverage> topics;
  int64_t categorized_records = 0;    // N: the sum of the topics' counts
  int64_t uncategorized_records = 0;  // valid records with no topic: outside N, reported apart
  // min over topics with a target > 0 of min(1, share / target); nullopt when there is no
  // such topic or N = 0 (nothing to balance yet).
  std::optional<double> balance_score;
  std::string worst_topic_id;  // the topic that sets the balance score
};

CoverageReport compute_coverage(const std::vector<TopicCount>& counts, int64_t uncategorized_records = 0);

// floor(target × n − count), robust to the rounding of target × n (0.1 × 30 is 3, not 2.9999).
int64_t coverage_deficit(double target, int64_t n, int64_t count);

}  // namespace reinforge::coverage
