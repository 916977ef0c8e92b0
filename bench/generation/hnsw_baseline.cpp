// Compiled for AVX2 (CMakeLists.txt): hnswlib picks its SIMD distance at compile time, and the
// baseline should be the graph index at its best on this machine.
#include "hnsw_baseline.hpp"

#include <hnswlib/hnswlib.h>

#include <chrono>

#include "topics/parallel_rows.hpp"

namespace reinforge::bench {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

HnswTiming hnsw_build_and_query(const float* dataset, std::size_t records, const float* queries,
                                std::size_t query_count, std::size_t dimensions, unsigned threads) {
  HnswTiming timing;
  hnswlib::InnerProductSpace space(dimensions);
  hnswlib::HierarchicalNSW<float> graph(&space, records, 16, 200, 100);
  auto start = std::chrono::steady_clock::now();
  // The first point alone: hnswlib sets the entry point on it, then accepts concurrent adds.
  graph.addPoint(dataset, 0);
  topics::parallel_rows(records - 1, threads, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t i = begin; i < end; ++i) graph.addPoint(dataset + (i + 1) * dimensions, i + 1);
  });
  timing.build_seconds = seconds_since(start);

  graph.setEf(64);
  timing.nearest.resize(query_count);
  start = std::chrono::steady_clock::now();
  topics::parallel_rows(
      timing.nearest.size(), threads, [&](std::size_t begin, std::size_t end, unsigned) {
        for (std::size_t q = begin; q < end; ++q) {
          auto found = graph.searchKnn(queries + q * dimensions, 1);
          if (found.empty()) continue;
          // Inner-product distance is 1 − cosine on unit vectors.
          timing.nearest[q] = {static_cast<int64_t>(found.top().second), 1.0f - found.top().first};
        }
      });
  timing.query_seconds = seconds_since(start);
  return timing;
}

}  // namespace reinforge::bench
