#include "coverage/dashboard.hpp"

#include <algorithm>
#include <bit>

namespace reinforge::coverage {

namespace {

constexpr int64_t kFirstBucketEnd = 16;

int bucket_index(int64_t tokens) {
  if (tokens < kFirstBucketEnd) return 0;
  // [16, 32) is 1, [32, 64) is 2…
  return std::bit_width(static_cast<uint64_t>(tokens / kFirstBucketEnd));
}

int64_t bucket_start(int index) { return index == 0 ? 0 : kFirstBucketEnd << (index - 1); }

}  // namespace

std::vector<HistogramBucket> token_length_histogram(std::span<const std::pair<int64_t, int64_t>> counts) {
  std::vector<int64_t> per_bucket;
  int first = -1;
  for (const auto& [tokens, records] : counts) {
    if (records <= 0) continue;
    int index = bucket_index(std::max<int64_t>(0, tokens));
    if (index >= static_cast<int>(per_bucket.size())) per_bucket.resize(index + 1, 0);
    per_bucket[index] += records;
    first = first < 0 ? index : std::min(first, index);
  }
  std::vector<HistogramBucket> histogram;
  if (first < 0) return histogram;
  for (int index = first; index < static_cast<int>(per_bucket.size()); ++index) {
    histogram.push_back({bucket_start(index), bucket_start(index + 1), per_bucket[index]});
  }
  return histogram;
}

}  // namespace reinforge::coverage
