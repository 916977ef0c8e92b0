#include "generation/near_duplicate_index.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "topics/parallel_rows.hpp"
#include "topics/spherical_kmeans.hpp"

namespace reinforge::generation {

namespace {

using topics::RowMatrix;
using ConstRow = Eigen::Map<const Eigen::Matrix<float, 1, Eigen::Dynamic>>;
using ConstCell =
    Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;

// About √n/2 cells of ~2√n vectors: learning them and filing every vector is a small multiple
// of one pass over the data, and ten probed cells hold ~20√n vectors.
std::size_t cell_count(std::size_t rows) {
  auto cells = static_cast<std::size_t>(std::sqrt(static_cast<double>(rows)) / 2);
  return std::clamp<std::size_t>(cells, 16, 4096);
}

}  // namespace

NearDuplicateIndex::NearDuplicateIndex(int dimensions, NearDuplicateOptions options)
    : dimensions_(dimensions), options_(options), cells_(1) {}

std::size_t NearDuplicateIndex::memory_bytes() const {
  std::size_t bytes = static_cast<std::size_t>(centroids_.size()) * sizeof(float);
  for (const auto& cell : cells_) {
    bytes += cell.vectors.capacity() * sizeof(float) + cell.ids.capacity() * sizeof(int64_t);
  }
  return bytes;
}

void NearDuplicateIndex::build(const RowMatrix& vectors, const topics::WorkControl& control) {
  const auto rows = static_cast<std::size_t>(vectors.rows());
  const auto width = static_cast<std::size_t>(dimensions_);
  centroids_.resize(0, dimensions_);
  cells_.assign(1, Cell{});
  size_ = 0;
  std::vector<int> labels(rows, 0);
  if (rows >= options_.exhaustive_below) {
    // Cells are learned on a sample: k-means on ~40 vectors per cell places them as well as on
    // all of them, at a fraction of the cost.
    std::size_t cells = cell_count(rows);
    std::size_t sample_size = std::min(rows, cells * 40);
    std::vector<Eigen::Index> sample(rows);
    std::iota(sample.begin(), sample.end(), Eigen::Index{0});
    std::mt19937_64 random(options_.seed);
    std::shuffle(sample.begin(), sample.end(), random);
    sample.resize(sample_size);
    RowMatrix training(static_cast<Eigen::Index>(sample_size), dimensions_);
    for (std::size_t i = 0; i < sample_size; ++i)
      training.row(static_cast<Eigen::Index>(i)) = vectors.row(sample[i]);
    topics::KMeansOptions kmeans;
    kmeans.clusters = static_cast<int>(cells);
    kmeans.restarts = 1;
    kmeans.max_iterations = 8;
    kmeans.threads = options_.threads;
    kmeans.seed = options_.seed;
    control.report(0.1, "Learning the near-duplicate index");
    centroids_ = topics::spherical_kmeans(training, kmeans, control).centroids;
    control.check_cancelled();
    control.report(0.5, "Filing records in the near-duplicate index");
    std::vector<float> similarities;
    topics::nearest_centroids(vectors, centroids_, options_.threads, labels, similarities);
    cells_.assign(static_cast<std::size_t>(centroids_.rows()), Cell{});
  }
  std::vector<std::size_t> sizes(cells_.size(), 0);
  for (auto label : labels) ++sizes[static_cast<std::size_t>(std::max(label, 0))];
  for (std::size_t c = 0; c < cells_.size(); ++c) {
    cells_[c].vectors.reserve(sizes[c] * width);
    cells_[c].ids.reserve(sizes[c]);
  }
  for (std::size_t row = 0; row < rows; ++row) {
    // A zero row (no usable words) goes to cell 0, where it can match nothing.
    auto& cell = cells_[static_cast<std::size_t>(std::max(labels[row], 0))];
    const float* data = vectors.row(static_cast<Eigen::Index>(row)).data();
    cell.vectors.insert(cell.vectors.end(), data, data + width);
    cell.ids.push_back(static_cast<int64_t>(row));
  }
  size_ = rows;
}

std::size_t NearDuplicateIndex::cell_of(const float* vector) const {
  if (centroids_.rows() == 0) return 0;
  Eigen::VectorXf scores = centroids_ * ConstRow(vector, dimensions_).transpose();
  Eigen::Index best = 0;
  scores.maxCoeff(&best);
  return static_cast<std::size_t>(best);
}

void NearDuplicateIndex::probe_order(const float* vector, std::vector<std::size_t>& cells) const {
  cells.clear();
  if (centroids_.rows() == 0) {
    cells.push_back(0);
    return;
  }
  Eigen::VectorXf scores = centroids_ * ConstRow(vector, dimensions_).transpose();
  cells.resize(static_cast<std::size_t>(scores.size()));
  std::iota(cells.begin(), cells.end(), std::size_t{0});
  std::size_t probes = std::min(options_.probes, cells.size());
  std::partial_sort(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(probes), cells.end(),
                    [&](std::size_t a, std::size_t b) {
                      return scores[static_cast<Eigen::Index>(a)] >
                             scores[static_cast<Eigen::Index>(b)];
                    });
  cells.resize(probes);
}

int64_t NearDuplicateIndex::add(const float* vector) {
  auto& cell = cells_[cell_of(vector)];
  cell.vectors.insert(cell.vectors.end(), vector, vector + dimensions_);
  auto id = static_cast<int64_t>(size_++);
  cell.ids.push_back(id);
  return id;
}

NearDuplicateIndex::Match NearDuplicateIndex::nearest(const float* vector) const {
  Match match;
  ConstRow query(vector, dimensions_);
  if (query.squaredNorm() == 0) return match;
  std::vector<std::size_t> probed;
  probe_order(vector, probed);
  for (auto c : probed) {
    const auto& cell = cells_[c];
    if (cell.ids.empty()) continue;
    ConstCell rows(cell.vectors.data(), static_cast<Eigen::Index>(cell.ids.size()), dimensions_);
    Eigen::VectorXf scores = rows * query.transpose();
    Eigen::Index best = 0;
    float value = scores.maxCoeff(&best);
    if (match.id < 0 || value > match.similarity)
      match = {cell.ids[static_cast<std::size_t>(best)], value};
  }
  return match;
}

std::vector<NearDuplicateIndex::Match> NearDuplicateIndex::nearest_all(
    const RowMatrix& vectors) const {
  std::vector<Match> matches(static_cast<std::size_t>(vectors.rows()));
  topics::parallel_rows(
      matches.size(), options_.threads, [&](std::size_t begin, std::size_t end, unsigned) {
        for (std::size_t row = begin; row < end; ++row) {
          matches[row] = nearest(vectors.row(static_cast<Eigen::Index>(row)).data());
        }
      });
  return matches;
}

}  // namespace reinforge::generation
