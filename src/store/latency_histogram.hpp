#pragma once
// Latencies counted in fixed logarithmic buckets, so the rollups behind the Gateway page's charts
// can add up any number of calls and still answer p50/p95/p99 without the raw rows.
//
// Bucket i > 0 holds latencies in [kSmallestMs * kGrowth^(i-1), kSmallestMs * kGrowth^i); a
// percentile is answered with its bucket's geometric middle. The exact nearest-rank percentile
// of the raw latencies lies in the same bucket, so the answer is within a factor sqrt(kGrowth)
// of it: at most 2% too high or too low.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reinforge::store {

class LatencyHistogram {
 public:
  static constexpr double kSmallestMs = 0.01;
  static constexpr double kGrowth = 1.04;
  static constexpr int kBuckets = 600;  // up to about 45 hours; longer calls share the last

  static int bucket_of(double latency_ms);
  static double middle_of(int bucket);

  void add(double latency_ms, uint64_t count = 1);
  void add(const LatencyHistogram& other);
  // Adds `count` calls to bucket `bucket` (0 to kBuckets - 1): a histogram read back from a
  // store that keeps the buckets as numbers (the PostgreSQL rollups).
  void add_to_bucket(int bucket, uint64_t count);
  // (bucket, count) of every bucket used, by bucket.
  const std::vector<std::pair<uint16_t, uint64_t>>& buckets() const { return buckets_; }
  uint64_t count() const { return count_; }
  // Nearest-rank percentile (fraction in (0, 1]) as its bucket's middle; 0 when empty.
  double percentile(double fraction) const;

  // A compact, canonical encoding (equal histograms give equal bytes): varints of the number of
  // used buckets, then each bucket's distance from the previous one and its count.
  std::string encode() const;
  // Nothing when the bytes are not an encoding this class wrote.
  static std::optional<LatencyHistogram> decode(std::string_view bytes);

 private:
  std::vector<std::pair<uint16_t, uint64_t>> buckets_;  // (bucket, count), by bucket
  uint64_t count_ = 0;
};

}  // namespace reinforge::store
