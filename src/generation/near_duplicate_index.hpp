#pragma once
// Finds, for a new record's vector, the most similar vector already indexed (PRODUCT.md §5:
// generated records are de-duplicated against the whole dataset, near duplicates too).
// An inverted-file index: spherical k-means cuts the unit sphere into cells, each vector is kept
// in its nearest cell, and a query scans only the cells whose centres are nearest to it. A near
// duplicate (cosine ≥ 0.9) sits next to its original, so it is found in the first cells probed;
// similarities are exact, so the index never reports a pair that is not similar, it can only
// miss one (bench/generation measures how often against an exhaustive scan: it missed none of
// 2,000 planted near duplicates among a million 128-dimensional vectors).
// Why not HNSW (hnswlib): on two cores its graph build (M 16, ef_construction 200, AVX2) took
// 41-52 s for 100,000 of those vectors, so 7 minutes or more for a million; learning the cells
// and filing a million vectors takes 3-4 s of CPU, and checking 10,000 new ones 1.3-2.3 s.
#include <cstdint>
#include <vector>

#include "topics/progress.hpp"
#include "topics/sparse_rows.hpp"

namespace reinforge::generation {

struct NearDuplicateOptions {
  // Below this many vectors one cell holds everything and every query scans it all (exact).
  std::size_t exhaustive_below = 8192;
  std::size_t probes = 10;  // cells scanned per query
  std::size_t cells = 0;    // 0: chosen from the number of vectors (near_duplicate_index.cpp)
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
  // `nearest` for every row, on the configured threads. Scans each cell once for all the rows
  // that probe it, so a batch costs far less than its rows one by one.
  std::vector<Match> nearest_all(const topics::RowMatrix& vectors) const;

  std::size_t size() const { return size_; }
  std::size_t cells() const { return cells_.size(); }
  std::size_t memory_bytes() const;

 private:
  // A cell's vectors in panels of 16 rows, each panel stored dimension by dimension (16 floats
  // per dimension, zeros past the last row), so one query's products with a panel are two
  // 8-float vector registers that the scan adds to in place (see best_in_panels).
  struct Cell {
    std::vector<float> panels;
    std::vector<int64_t> ids;  // one per row
  };
  std::size_t cell_of(const float* vector) const;
  void probe_order(const float* vector, std::vector<std::size_t>& cells) const;
  void file(const topics::RowMatrix& vectors, const std::vector<int>& labels);

  int dimensions_;
  NearDuplicateOptions options_;
  topics::RowMatrix centroids_;  // cells × dimensions; empty with one cell
  std::vector<Cell> cells_;
  std::size_t size_ = 0;
};

}  // namespace reinforge::generation
