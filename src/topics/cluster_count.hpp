#pragma once
// Choosing the number of topics when the user does not: the k with the highest mean
// silhouette (cosine distance) on a sample, among candidates between a lower and upper bound.
#include <utility>
#include <vector>

#include "topics/spherical_kmeans.hpp"

namespace reinforge::topics {

struct ClusterCountOptions {
  int min_clusters = 3;
  int max_clusters = 30;
  std::size_t sample_size = 3000;  // silhouette is quadratic in the sample
  int restarts = 3;
  unsigned threads = 0;
  uint64_t seed = 11;
};

struct ClusterCountChoice {
  int clusters = 1;
  double silhouette = 0;
  std::vector<std::pair<int, double>> scores;  // each candidate k and its silhouette
};

ClusterCountChoice choose_cluster_count(const RowMatrix& vectors, const ClusterCountOptions& options,
                                        const WorkControl& control = {});

// Mean silhouette of a labelling, cosine distance, over rows with a label >= 0.
double mean_silhouette(const RowMatrix& vectors, const std::vector<int>& labels, int clusters);

}  // namespace reinforge::topics
