#pragma once
// A compressed sparse row matrix of floats: documents × terms. Own type rather than
// Eigen::SparseMatrix so the products below can split rows across threads.
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace reinforge::topics {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct SparseRows {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<std::size_t> row_start{0};  // rows + 1 entries
  std::vector<uint32_t> col;
  std::vector<float> value;
};

}  // namespace reinforge::topics
