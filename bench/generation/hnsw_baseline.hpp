#pragma once
// hnswlib's graph index, the baseline the near-duplicate index's header says is too slow to
// build. Takes row-major arrays, so hnswlib's headers stay in hnsw_baseline.cpp.
#include <cstddef>
#include <vector>

#include "nearest.hpp"

namespace reinforge::bench {

struct HnswTiming {
  double build_seconds = 0;
  double query_seconds = 0;  // all queries, ef_search 64, on `threads`
  std::vector<Nearest> nearest;
};

// Builds hnswlib's graph (inner product, M 16, ef_construction 200, the library's usual
// settings) over the first `records` rows of `dataset`, adding points on `threads` threads,
// then finds each query's nearest.
HnswTiming hnsw_build_and_query(const float* dataset, std::size_t records, const float* queries,
                                std::size_t query_count, std::size_t dimensions, unsigned threads);

}  // namespace reinforge::bench
