#pragma once
// k-means on the unit sphere (cosine similarity), seeded by k-means++ and restarted several
// times; the run with the highest total similarity wins.
#include <cstdint>
#include <vector>

#include "topics/progress.hpp"
#include "topics/sparse_rows.hpp"

namespace reinforge::topics {

struct KMeansOptions {
  int clusters = 10;
  int restarts = 5;
  int max_iterations = 40;
  unsigned threads = 0;
  uint64_t seed = 7;
};

struct KMeansResult {
  std::vector<int> labels;  // per row; -1 for a zero row (a text without usable features)
  RowMatrix centroids;      // clusters × dimensions, unit rows
  double total_similarity = 0;
};

// `vectors` has unit (or zero) rows.
KMeansResult spherical_kmeans(const RowMatrix& vectors, const KMeansOptions& options,
                              const WorkControl& control = {});

// Index and similarity of the most similar centroid for each row.
void nearest_centroids(const RowMatrix& vectors, const RowMatrix& centroids, unsigned threads,
                       std::vector<int>& labels, std::vector<float>& similarities);

}  // namespace reinforge::topics
