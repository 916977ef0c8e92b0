#include "topics/cluster_count.hpp"

#include <algorithm>
#include <numeric>
#include <random>

namespace reinforge::topics {

double mean_silhouette(const RowMatrix& vectors, const std::vector<int>& labels, int clusters) {
  RowMatrix similarity = vectors * vectors.transpose();
  std::vector<int> sizes(clusters, 0);
  for (int label : labels) {
    if (label >= 0) ++sizes[label];
  }
  double total = 0;
  std::size_t counted = 0;
  std::vector<double> distance_sum(clusters);
  for (Eigen::Index i = 0; i < vectors.rows(); ++i) {
    if (labels[i] < 0) continue;
    std::fill(distance_sum.begin(), distance_sum.end(), 0.0);
    for (Eigen::Index j = 0; j < vectors.rows(); ++j) {
      if (labels[j] >= 0 && j != i) distance_sum[labels[j]] += 1.0 - similarity(i, j);
    }
    int own = labels[i];
    ++counted;
    if (sizes[own] <= 1) continue;  // a singleton's silhouette is 0 by convention
    double inside = distance_sum[own] / (sizes[own] - 1);
    double nearest = std::numeric_limits<double>::max();
    for (int c = 0; c < clusters; ++c) {
      if (c != own && sizes[c] > 0) nearest = std::min(nearest, distance_sum[c] / sizes[c]);
    }
    if (nearest == std::numeric_limits<double>::max()) continue;
    double spread = std::max(inside, nearest);
    if (spread > 0) total += (nearest - inside) / spread;
  }
  return counted ? total / static_cast<double>(counted) : 0;
}

ClusterCountChoice choose_cluster_count(const RowMatrix& vectors, const ClusterCountOptions& options,
                                        const WorkControl& control) {
  std::vector<Eigen::Index> usable;
  for (Eigen::Index row = 0; row < vectors.rows(); ++row) {
    if (vectors.row(row).squaredNorm() > 0) usable.push_back(row);
  }
  std::mt19937_64 random(options.seed);
  std::shuffle(usable.begin(), usable.end(), random);
  if (usable.size() > options.sample_size) usable.resize(options.sample_size);
  RowMatrix sample(static_cast<Eigen::Index>(usable.size()), vectors.cols());
  for (std::size_t i = 0; i < usable.size(); ++i) sample.row(static_cast<Eigen::Index>(i)) = vectors.row(usable[i]);

  int upper = std::min<int>(options.max_clusters, static_cast<int>(usable.size()) - 1);
  int lower = std::min(options.min_clusters, upper);
  ClusterCountChoice choice;
  if (upper < 2) return choice;
  // Every k up to 10, then steps of about 15%: the silhouette curve is flat at large k.
  std::vector<int> candidates;
  for (int k = std::max(lower, 2); k <= upper; k = k < 10 ? k + 1 : std::max(k + 1, k * 115 / 100)) {
    candidates.push_back(k);
  }
  if (candidates.empty() || candidates.back() != upper) candidates.push_back(upper);  // the bound itself too
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    control.check_cancelled();
    KMeansOptions kmeans{candidates[i], options.restarts, 30, options.threads, options.seed + i};
    auto run = spherical_kmeans(sample, kmeans);
    double score = mean_silhouette(sample, run.labels, candidates[i]);
    choice.scores.emplace_back(candidates[i], score);
    if (choice.scores.size() == 1 || score > choice.silhouette) {
      choice.clusters = candidates[i];
      choice.silhouette = score;
    }
    control.report(static_cast<double>(i + 1) / candidates.size(), "choosing the number of topics");
  }
  return choice;
}

}  // namespace reinforge::topics
