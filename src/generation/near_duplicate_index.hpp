#pragma once
// Finds, for a new record's vector, the most similar vector already indexed (PRODUCT.md §5:
// generated records are de-duplicated against the whole dataset, near duplicates too).
// An inverted-file index: spherical k-means cuts the unit sphere into cells, each vector is kept
// in its nearest cell, and a query scans only the cells whose centres are nearest to it. A near
// duplicate (cosine ≥ 0.9) sits next to its original, so it is found in the first cells probed;
// similarities are exact, so the index never reports a pair that is not similar, it can only
// miss one (bench/generation measures how often, against an exhaustive scan).
// Why not HNSW (hnswlib): building a graph over a million 128-dimensional vectors takes minutes
// on two cores; learning cells and filing the vectors takes seconds, and queries stay fast.
#include <cstdint>
#include <vector>

#include "topics/progress.hpp"
#include "topics/sparse_rows.hpp"

namespace reinforge::generation {

struct NearDuplicateOptions {
  // Below this many vectors one cell holds everything and every query scans it all (exact).
  std::size_t exhaustive_below = 8192;
  std::size_t probes = 10;  // cells scanned per query
  unsigned threads = 0;     // 0: one per core
  uint64_t seed = 11;
};

class NearDuplicateIndex {
 public:
  explicit NearDuplicateIndex(int dimensions, NearDuplicateOptions options = {});

  // Learns the cells from `vectors` (unit or zero rows) and files them; ids 0..rows-1.
  void build(const topics::RowMatrix& vectors, const topics::WorkControl& control = {});
  // Files one more vector (learned cells stay); returns its id.
  int64_t add(const float* vector);

  struct Match {
    int64_t id = -1;  // -1: nothing indexed, or a zero vector
    float similarity = 0;
  };
  Match nearest(const float* vector) const;
  // `nearest` for every row, on the configured threads.
  std::vector<Match> nearest_all(const topics::RowMatrix& vectors) const;

  std::size_t size() const { return size_; }
  std::size_t cells() const { return cells_.size(); }
  std::size_t memory_bytes() const;

 private:
  struct Cell {
    std::vector<float> vectors;  // rows × dimensions, row-major
    std::vector<int64_t> ids;
  };
  std::size_t cell_of(const float* vector) const;
  void probe_order(const float* vector, std::vector<std::size_t>& cells) const;

  int dimensions_;
  NearDuplicateOptions options_;
  topics::RowMatrix centroids_;  // cells × dimensions; empty with one cell
  std::vector<Cell> cells_;
  std::size_t size_ = 0;
};

}  // namespace reinforge::generation
