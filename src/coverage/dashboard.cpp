#include "coverage/dashboard.hpp"

#include <algorithm>

#include "topics/confidence.hpp"

namespace reinforge::coverage {

std::map<std::string, ConfidenceMix> confidence_mix_per_topic(const std::vector<RecordFacts>& records) {
  std::map<std::string, ConfidenceMix> mix;
  for (const auto& record : records) {
    auto& counts = mix[record.topic_id];
    switch (topics::confidence_band(record.confidence)) {
      case topics::ConfidenceBand::high: ++counts.high; break;
      case topics::ConfidenceBand::medium: ++counts.medium; break;
      case topics::ConfidenceBand::low: ++counts.low; break;
    }
  }
  return mix;
}

std::map<std::string, std::map<std::string, int64_t>> sources_per_topic(const std::vector<RecordFacts>& records) {
  std::map<std::string, std::map<std::string, int64_t>> sources;
  for (const auto& record : records) ++sources[record.topic_id][record.origin];
  return sources;
}

std::vector<HistogramBucket> token_length_histogram(const std::vector<int64_t>& token_counts, int buckets) {
  if (token_counts.empty() || buckets <= 0) return {};
  auto [min_it, max_it] = std::minmax_element(token_counts.begin(), token_counts.end());
  int64_t low = *min_it, high = *max_it;
  int64_t width = std::max<int64_t>(1, (high - low + buckets) / buckets);  // ceil((high-low+1)/buckets)
  int count = static_cast<int>(std::min<int64_t>(buckets, (high - low) / width + 1));
  std::vector<HistogramBucket> histogram(count);
  for (int i = 0; i < count; ++i) histogram[i] = {low + i * width, low + (i + 1) * width, 0};
  for (auto tokens : token_counts) {
    auto index = std::min<int64_t>(count - 1, (tokens - low) / width);
    ++histogram[index].records;
  }
  return histogram;
}

}  // namespace reinforge::coverage
