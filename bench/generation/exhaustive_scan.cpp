#include "exhaustive_scan.hpp"

#include <algorithm>

#include "topics/parallel_rows.hpp"

namespace reinforge::bench {

std::vector<Nearest> exhaustive_nearest(const topics::RowMatrix& dataset,
                                        const topics::RowMatrix& queries, unsigned threads) {
  constexpr Eigen::Index block = 8192;
  auto rows = dataset.rows();
  std::size_t blocks = static_cast<std::size_t>((rows + block - 1) / block);
  unsigned workers = topics::resolve_threads(threads);
  // Each worker keeps its own best per query; merged at the end, so no locks in the scan.
  std::vector<std::vector<Nearest>> best(
      workers, std::vector<Nearest>(static_cast<std::size_t>(queries.rows())));
  topics::parallel_rows(blocks, workers, [&](std::size_t begin, std::size_t end, unsigned worker) {
    Eigen::MatrixXf scores;  // column-major: block rows × queries, a column per query
    auto& mine = best[worker];
    for (std::size_t b = begin; b < end; ++b) {
      Eigen::Index first = static_cast<Eigen::Index>(b) * block;
      Eigen::Index count = std::min(block, rows - first);
      scores.noalias() = dataset.middleRows(first, count) * queries.transpose();
      for (Eigen::Index q = 0; q < scores.cols(); ++q) {
        Eigen::Index at = 0;
        float value = scores.col(q).maxCoeff(&at);
        auto& current = mine[static_cast<std::size_t>(q)];
        if (value > current.similarity) current = {first + at, value};
      }
    }
  });
  auto merged = best[0];
  for (unsigned w = 1; w < workers; ++w) {
    for (std::size_t q = 0; q < merged.size(); ++q) {
      if (best[w][q].similarity > merged[q].similarity) merged[q] = best[w][q];
    }
  }
  return merged;
}

}  // namespace reinforge::bench
