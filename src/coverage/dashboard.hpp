#pragma once
// The coverage dashboard's aggregates (PRODUCT.md §5) as pure functions over plain rows, so
// the store can feed them from SQL or from memory alike.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace reinforge::coverage {

struct RecordFacts {
  std::string topic_id;  // "" when uncategorized
  double confidence = 0;
  int64_t tokens = 0;
  std::string origin;  // trace, import, generated, edited
};

struct ConfidenceMix {
  int64_t high = 0, medium = 0, low = 0;  // bands of topics/confidence.hpp
};
// Per topic (uncategorized records under ""), how many assignments fall in each band.
std::map<std::string, ConfidenceMix> confidence_mix_per_topic(const std::vector<RecordFacts>& records);

// Per topic, records per origin.
std::map<std::string, std::map<std::string, int64_t>> sources_per_topic(const std::vector<RecordFacts>& records);

struct HistogramBucket {
  int64_t from = 0;  // inclusive
  int64_t to = 0;    // exclusive; the last bucket also holds the maximum
  int64_t records = 0;
};
// Token lengths in `buckets` equal-width buckets from the minimum to the maximum (widths
// rounded up to whole tokens). Empty input: no buckets.
std::vector<HistogramBucket> token_length_histogram(const std::vector<int64_t>& token_counts, int buckets = 20);

}  // namespace reinforge::coverage
