#include "topics/spherical_kmeans.hpp"

#include <algorithm>
#include <random>

#include "topics/parallel_rows.hpp"

namespace reinforge::topics {

void nearest_centroids(const RowMatrix& vectors, const RowMatrix& centroids, unsigned threads,
                       std::vector<int>& labels, std::vector<float>& similarities) {
  labels.assign(static_cast<std::size_t>(vectors.rows()), -1);
  similarities.assign(static_cast<std::size_t>(vectors.rows()), 0.0f);
  constexpr Eigen::Index block = 2048;
  std::size_t blocks = static_cast<std::size_t>((vectors.rows() + block - 1) / block);
  parallel_rows(blocks, threads, [&](std::size_t begin, std::size_t end, unsigned) {
    RowMatrix scores;
    for (std::size_t b = begin; b < end; ++b) {
      Eigen::Index first = static_cast<Eigen::Index>(b) * block;
      Eigen::Index count = std::min(block, vectors.rows() - first);
      scores.noalias() = vectors.middleRows(first, count) * centroids.transpose();
      for (Eigen::Index r = 0; r < count; ++r) {
        if (vectors.row(first + r).squaredNorm() == 0) continue;
        Eigen::Index best;
        float value = scores.row(r).maxCoeff(&best);
        labels[first + r] = static_cast<int>(best);
        similarities[first + r] = value;
      }
    }
  });
}

namespace {

RowMatrix kmeans_plus_plus(const RowMatrix& vectors, const std::vector<Eigen::Index>& usable, int clusters,
                           std::mt19937_64& random) {
  RowMatrix centroids(clusters, vectors.cols());
  std::uniform_int_distribution<std::size_t> pick(0, usable.size() - 1);
  centroids.row(0) = vectors.row(usable[pick(random)]);
  // Squared chord distance on the sphere, 2 − 2·cos, is what k-means++ weights by.
  std::vector<double> distance(usable.size(), 4.0);
  for (int c = 1; c < clusters; ++c) {
    double total = 0;
    for (std::size_t i = 0; i < usable.size(); ++i) {
      double d = 2.0 - 2.0 * vectors.row(usable[i]).dot(centroids.row(c - 1));
      distance[i] = std::min(distance[i], std::max(d, 0.0));
      total += distance[i];
    }
    std::size_t chosen = pick(random);
    if (total > 0) {
      double target = std::uniform_real_distribution<double>(0, total)(random);
      for (std::size_t i = 0; i < usable.size(); ++i) {
        target -= distance[i];
        if (target <= 0) {
          chosen = i;
          break;
        }
      }
    }
    centroids.row(c) = vectors.row(usable[chosen]);
  }
  return centroids;
}

KMeansResult one_run(const RowMatrix& vectors, const std::vector<Eigen::Index>& usable,
                     const KMeansOptions& options, std::mt19937_64& random, const WorkControl& control) {
  KMeansResult result;
  result.centroids = kmeans_plus_plus(vectors, usable, options.clusters, random);
  std::vector<float> similarities;
  std::vector<int> previous;
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    control.check_cancelled();
    nearest_centroids(vectors, result.centroids, options.threads, result.labels, similarities);
    if (result.labels == previous) break;
    previous = result.labels;
    RowMatrix sums = RowMatrix::Zero(options.clusters, vectors.cols());
    std::vector<int> sizes(options.clusters, 0);
    for (auto row : usable) {
      sums.row(result.labels[row]) += vectors.row(row);
      ++sizes[result.labels[row]];
    }
    for (int c = 0; c < options.clusters; ++c) {
      if (sizes[c] == 0) {
        // An empty cluster takes the row its centroid explains worst.
        Eigen::Index worst = usable[0];
        for (auto row : usable) {
          if (similarities[row] < similarities[worst]) worst = row;
        }
        similarities[worst] = 2.0f;
        result.centroids.row(c) = vectors.row(worst);
      } else {
        result.centroids.row(c) = sums.row(c).normalized();
      }
    }
  }
  nearest_centroids(vectors, result.centroids, options.threads, result.labels, similarities);
  for (auto row : usable) result.total_similarity += similarities[row];
  return result;
}

}  // namespace

KMeansResult spherical_kmeans(const RowMatrix& vectors, const KMeansOptions& options, const WorkControl& control) {
  std::vector<Eigen::Index> usable;
  for (Eigen::Index row = 0; row < vectors.rows(); ++row) {
    if (vectors.row(row).squaredNorm() > 0) usable.push_back(row);
  }
  KMeansOptions effective = options;
  effective.clusters = std::max(1, std::min<int>(options.clusters, static_cast<int>(usable.size())));
  if (usable.empty()) {
    return {std::vector<int>(static_cast<std::size_t>(vectors.rows()), -1), RowMatrix(0, vectors.cols()), 0};
  }
  std::mt19937_64 random(options.seed);
  KMeansResult best;
  for (int restart = 0; restart < std::max(1, options.restarts); ++restart) {
    auto run = one_run(vectors, usable, effective, random, control);
    if (restart == 0 || run.total_similarity > best.total_similarity) best = std::move(run);
    control.report(static_cast<double>(restart + 1) / std::max(1, options.restarts), "clustering");
  }
  return best;
}

}  // namespace reinforge::topics
