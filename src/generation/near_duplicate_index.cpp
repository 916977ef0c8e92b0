#include "generation/near_duplicate_index.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "topics/parallel_rows.hpp"
#include "topics/spherical_kmeans.hpp"

namespace reinforge::generation {

namespace {

using topics::RowMatrix;
using ConstRow = Eigen::Map<const Eigen::Matrix<float, 1, Eigen::Dynamic>>;

constexpr std::size_t kPanelRows = 16;
constexpr float kNone = -std::numeric_limits<float>::infinity();

// About √n/3 cells of ~3√n vectors. Filing costs n × cells products and a batch of q queries
// q × probes × n / cells, so fewer cells favour the build, which the job pays for every run,
// while a job judges a few hundred records. At a million vectors, build plus a 10,000-record
// batch took 4.1-5.4 s of CPU with 300 cells and 5.7-8.0 s with 500 (bench/generation), and ten
// probed cells (~30,000 vectors) still take only ~1.6 ms for one record.
std::size_t cell_count(std::size_t rows) {
  auto cells = static_cast<std::size_t>(std::sqrt(static_cast<double>(rows)) / 3);
  return std::clamp<std::size_t>(cells, 16, 4096);
}

std::size_t panel_floats(std::size_t rows, std::size_t dimensions) {
  return (rows + kPanelRows - 1) / kPanelRows * kPanelRows * dimensions;
}

// Eight floats as one value: GCC's vector extension, an AVX register in the x86-64-v3 clone
// below and two SSE registers in the default one. Loads and stores go through the unaligned
// type, as std::vector only promises 16-byte alignment. (Macros, not functions: a function
// taking or returning one would have a different ABI in the two clones.)
typedef float Floats8 __attribute__((vector_size(32)));
typedef float UnalignedFloats8 __attribute__((vector_size(32), aligned(4)));
#define LOAD8(data) (*reinterpret_cast<const UnalignedFloats8*>(data))
#define STORE8(data, value) (*reinterpret_cast<UnalignedFloats8*>(data) = (value))

// For each of `count` query rows (row-major, `dimensions` wide), raises best[q] / best_row[q]
// to the largest inner product with the `rows` rows held in `panels`. Four queries at a time
// against one panel keep eight accumulators in registers while the panel (8 KB at 128
// dimensions) stays in L1 for every group of queries: the scan runs at the cores' arithmetic
// speed instead of memory speed, ~3× Eigen's SSE matrix product on this project's machines
// (bench/generation). Products are exact; only the order of the additions differs.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("arch=x86-64-v3", "default")))
#endif
void best_in_panels(const float* __restrict queries, std::size_t count, std::size_t dimensions,
                    const float* __restrict panels, std::size_t rows, float* __restrict best,
                    int64_t* __restrict best_row) {
  auto keep_best = [&](std::size_t q, const float* scores, std::size_t first, std::size_t valid) {
    for (std::size_t j = 0; j < valid; ++j) {
      if (scores[j] > best[q]) {
        best[q] = scores[j];
        best_row[q] = static_cast<int64_t>(first + j);
      }
    }
  };
  for (std::size_t first = 0; first < rows; first += kPanelRows) {
    const float* panel = panels + first * dimensions;
    std::size_t valid = std::min(kPanelRows, rows - first);
    std::size_t q = 0;
    for (; q + 4 <= count; q += 4) {
      const float* a = queries + q * dimensions;
      Floats8 s00 = {}, s01 = {}, s10 = {}, s11 = {}, s20 = {}, s21 = {}, s30 = {}, s31 = {};
      for (std::size_t d = 0; d < dimensions; ++d) {
        Floats8 low = LOAD8(panel + d * kPanelRows);
        Floats8 high = LOAD8(panel + d * kPanelRows + 8);
        float x0 = a[d], x1 = a[dimensions + d], x2 = a[2 * dimensions + d],
              x3 = a[3 * dimensions + d];
        s00 += x0 * low;
        s01 += x0 * high;
        s10 += x1 * low;
        s11 += x1 * high;
        s20 += x2 * low;
        s21 += x2 * high;
        s30 += x3 * low;
        s31 += x3 * high;
      }
      float scores[4][kPanelRows];
      STORE8(scores[0], s00);
      STORE8(scores[0] + 8, s01);
      STORE8(scores[1], s10);
      STORE8(scores[1] + 8, s11);
      STORE8(scores[2], s20);
      STORE8(scores[2] + 8, s21);
      STORE8(scores[3], s30);
      STORE8(scores[3] + 8, s31);
      for (std::size_t r = 0; r < 4; ++r) keep_best(q + r, scores[r], first, valid);
    }
    for (; q < count; ++q) {
      const float* a = queries + q * dimensions;
      Floats8 low_sum = {}, high_sum = {};
      for (std::size_t d = 0; d < dimensions; ++d) {
        low_sum += a[d] * LOAD8(panel + d * kPanelRows);
        high_sum += a[d] * LOAD8(panel + d * kPanelRows + 8);
      }
      float scores[kPanelRows];
      STORE8(scores, low_sum);
      STORE8(scores + 8, high_sum);
      keep_best(q, scores, first, valid);
    }
  }
}

// Writes `vector` as row `row` of a panel-major buffer sized for it.
void put_row(float* panels, std::size_t row, const float* vector, std::size_t dimensions) {
  float* panel = panels + row / kPanelRows * kPanelRows * dimensions;
  std::size_t lane = row % kPanelRows;
  for (std::size_t d = 0; d < dimensions; ++d) panel[d * kPanelRows + lane] = vector[d];
}

}  // namespace

NearDuplicateIndex::NearDuplicateIndex(int dimensions, NearDuplicateOptions options)
    : dimensions_(dimensions), options_(options), cells_(1) {}

std::size_t NearDuplicateIndex::memory_bytes() const {
  std::size_t bytes = static_cast<std::size_t>(centroids_.size()) * sizeof(float);
  for (const auto& cell : cells_) {
    bytes += cell.panels.capacity() * sizeof(float) + cell.ids.capacity() * sizeof(int64_t);
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
    std::size_t cells = options_.cells ? options_.cells : cell_count(rows);
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
    cells_.assign(static_cast<std::size_t>(centroids_.rows()), Cell{});
    // Each vector's nearest centre, with the scan the queries use: the centres are one cell.
    std::vector<float> centre_panels(panel_floats(cells_.size(), width), 0.0f);
    for (std::size_t c = 0; c < cells_.size(); ++c)
      put_row(centre_panels.data(), c, centroids_.row(static_cast<Eigen::Index>(c)).data(), width);
    constexpr std::size_t block = 256;
    topics::parallel_rows(
        (rows + block - 1) / block, options_.threads,
        [&](std::size_t begin, std::size_t end, unsigned) {
          std::vector<float> best(block);
          std::vector<int64_t> best_row(block);
          for (std::size_t b = begin; b < end; ++b) {
            std::size_t first = b * block;
            std::size_t count = std::min(block, rows - first);
            std::fill(best.begin(), best.end(), kNone);
            std::fill(best_row.begin(), best_row.end(), 0);
            best_in_panels(vectors.row(static_cast<Eigen::Index>(first)).data(), count, width,
                           centre_panels.data(), cells_.size(), best.data(), best_row.data());
            for (std::size_t i = 0; i < count; ++i) {
              // A zero row (no usable words) goes to cell 0, where it can match nothing.
              bool zero = vectors.row(static_cast<Eigen::Index>(first + i)).squaredNorm() == 0;
              labels[first + i] = zero ? 0 : static_cast<int>(best_row[i]);
            }
          }
        });
  }
  file(vectors, labels);
}

void NearDuplicateIndex::file(const RowMatrix& vectors, const std::vector<int>& labels) {
  const auto width = static_cast<std::size_t>(dimensions_);
  // Rows grouped by cell (a counting sort), then each cell written by one thread.
  std::vector<std::size_t> start(cells_.size() + 1, 0);
  for (auto label : labels) ++start[static_cast<std::size_t>(label) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::size_t> order(labels.size());
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (std::size_t row = 0; row < labels.size(); ++row)
    order[next[static_cast<std::size_t>(labels[row])]++] = row;
  topics::parallel_rows(cells_.size(), options_.threads,
                        [&](std::size_t begin, std::size_t end, unsigned) {
                          for (std::size_t c = begin; c < end; ++c) {
                            auto& cell = cells_[c];
                            std::size_t members = start[c + 1] - start[c];
                            // Room for two more panels, so the records a run adds seldom
                            // move a cell (a move keeps the old copy in the heap).
                            cell.panels.reserve(panel_floats(members + 2 * kPanelRows, width));
                            cell.panels.assign(panel_floats(members, width), 0.0f);
                            cell.ids.resize(members);
                            for (std::size_t i = 0; i < members; ++i) {
                              std::size_t row = order[start[c] + i];
                              put_row(cell.panels.data(), i,
                                      vectors.row(static_cast<Eigen::Index>(row)).data(), width);
                              cell.ids[i] = static_cast<int64_t>(row);
                            }
                          }
                        });
  size_ = labels.size();
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
  const auto width = static_cast<std::size_t>(dimensions_);
  auto& cell = cells_[cell_of(vector)];
  std::size_t row = cell.ids.size();
  if (row % kPanelRows == 0) {
    std::size_t needed = panel_floats(row + 1, width);
    // Grown by an eighth rather than doubled, as std::vector would: the first record a run adds
    // to each cell would otherwise double the index (half a gigabyte at a million vectors).
    if (needed > cell.panels.capacity()) cell.panels.reserve(needed + needed / 8);
    cell.panels.resize(needed, 0.0f);
  }
  put_row(cell.panels.data(), row, vector, width);
  auto id = static_cast<int64_t>(size_++);
  cell.ids.push_back(id);
  return id;
}

NearDuplicateIndex::Match NearDuplicateIndex::nearest(const float* vector) const {
  Match match;
  if (ConstRow(vector, dimensions_).squaredNorm() == 0) return match;
  std::vector<std::size_t> probed;
  probe_order(vector, probed);
  for (auto c : probed) {
    const auto& cell = cells_[c];
    float best = kNone;
    int64_t row = -1;
    best_in_panels(vector, 1, static_cast<std::size_t>(dimensions_), cell.panels.data(),
                   cell.ids.size(), &best, &row);
    if (row >= 0 && (match.id < 0 || best > match.similarity))
      match = {cell.ids[static_cast<std::size_t>(row)], best};
  }
  return match;
}

std::vector<NearDuplicateIndex::Match> NearDuplicateIndex::nearest_all(
    const RowMatrix& vectors) const {
  const auto queries = static_cast<std::size_t>(vectors.rows());
  const auto width = static_cast<std::size_t>(dimensions_);
  std::vector<Match> matches(queries);
  if (queries == 0 || size_ == 0) return matches;

  // Which cells each query probes, turned around: the queries that probe each cell.
  std::vector<std::vector<uint32_t>> probing(cells_.size());
  std::vector<bool> usable(queries);
  for (std::size_t q = 0; q < queries; ++q)
    usable[q] = vectors.row(static_cast<Eigen::Index>(q)).squaredNorm() > 0;
  if (centroids_.rows() == 0) {
    for (std::size_t q = 0; q < queries; ++q) {
      if (usable[q]) probing[0].push_back(static_cast<uint32_t>(q));
    }
  } else {
    std::vector<std::vector<std::size_t>> probes(queries);
    topics::parallel_rows(
        queries, options_.threads, [&](std::size_t begin, std::size_t end, unsigned) {
          for (std::size_t q = begin; q < end; ++q) {
            if (usable[q]) probe_order(vectors.row(static_cast<Eigen::Index>(q)).data(), probes[q]);
          }
        });
    for (std::size_t q = 0; q < queries; ++q) {
      for (auto c : probes[q]) probing[c].push_back(static_cast<uint32_t>(q));
    }
  }

  // Each worker takes the next cell, scans it once for all its queries, and keeps its own best
  // per query; the workers' bests are merged at the end, so the scan needs no lock.
  unsigned workers = topics::resolve_threads(options_.threads);
  std::vector<std::vector<Match>> best_of(workers, std::vector<Match>(queries));
  std::atomic<std::size_t> next_cell{0};
  topics::parallel_rows(workers, workers, [&](std::size_t, std::size_t, unsigned worker) {
    std::vector<float> gathered;
    std::vector<float> best;
    std::vector<int64_t> best_row;
    auto& mine = best_of[worker];
    for (std::size_t c; (c = next_cell.fetch_add(1)) < cells_.size();) {
      const auto& cell = cells_[c];
      const auto& asking = probing[c];
      if (asking.empty() || cell.ids.empty()) continue;
      gathered.resize(asking.size() * width);
      for (std::size_t i = 0; i < asking.size(); ++i) {
        const float* row = vectors.row(static_cast<Eigen::Index>(asking[i])).data();
        std::copy(row, row + width, gathered.begin() + static_cast<std::ptrdiff_t>(i * width));
      }
      best.assign(asking.size(), kNone);
      best_row.assign(asking.size(), -1);
      best_in_panels(gathered.data(), asking.size(), width, cell.panels.data(), cell.ids.size(),
                     best.data(), best_row.data());
      for (std::size_t i = 0; i < asking.size(); ++i) {
        auto& match = mine[asking[i]];
        if (best_row[i] >= 0 && (match.id < 0 || best[i] > match.similarity))
          match = {cell.ids[static_cast<std::size_t>(best_row[i])], best[i]};
      }
    }
  });
  for (std::size_t q = 0; q < queries; ++q) {
    for (const auto& worker : best_of) {
      const auto& found = worker[q];
      if (found.id >= 0 && (matches[q].id < 0 || found.similarity > matches[q].similarity))
        matches[q] = found;
    }
  }
  return matches;
}

#undef LOAD8
#undef STORE8

}  // namespace reinforge::generation
