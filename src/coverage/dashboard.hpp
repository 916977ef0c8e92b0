#pragma once
// The coverage dashboard's token-length histogram (PRODUCT.md §5), a pure function over the
// store's counts so the buckets are decided in one place.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace reinforge::coverage {

struct HistogramBucket {
  int64_t from = 0;  // inclusive
  int64_t to = 0;    // exclusive
  int64_t records = 0;
};

// `counts`: (token count, records with that many tokens), in any order. Buckets double in width
// — [0, 16), [16, 32), [32, 64)… — so short chat turns and long documents both read well; the
// histogram runs from the first non-empty bucket to the last, empty ones between kept so the
// axis stays even. No records: no buckets.
std::vector<HistogramBucket> token_length_histogram(std::span<const std::pair<int64_t, int64_t>> counts);

}  // namespace reinforge::coverage
