#include "topics/randomized_svd.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <algorithm>
#include <random>

#include "topics/parallel_rows.hpp"

namespace reinforge::topics {

RowMatrix multiply(const SparseRows& matrix, const RowMatrix& dense, unsigned threads) {
  RowMatrix result = RowMatrix::Zero(static_cast<Eigen::Index>(matrix.rows), dense.cols());
  parallel_rows(matrix.rows, threads, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t row = begin; row < end; ++row) {
      auto out = result.row(static_cast<Eigen::Index>(row));
      for (std::size_t i = matrix.row_start[row]; i < matrix.row_start[row + 1]; ++i) {
        out.noalias() += matrix.value[i] * dense.row(matrix.col[i]);
      }
    }
  });
  return result;
}

SparseRows transpose(const SparseRows& matrix) {
  SparseRows result;
  result.rows = matrix.cols;
  result.cols = matrix.rows;
  result.row_start.assign(matrix.cols + 1, 0);
  for (auto c : matrix.col) ++result.row_start[c + 1];
  for (std::size_t c = 0; c < matrix.cols; ++c) result.row_start[c + 1] += result.row_start[c];
  result.col.resize(matrix.col.size());
  result.value.resize(matrix.value.size());
  std::vector<std::size_t> next(result.row_start.begin(), result.row_start.end() - 1);
  for (std::size_t row = 0; row < matrix.rows; ++row) {
    for (std::size_t i = matrix.row_start[row]; i < matrix.row_start[row + 1]; ++i) {
      auto at = next[matrix.col[i]]++;
      result.col[at] = static_cast<uint32_t>(row);
      result.value[at] = matrix.value[i];
    }
  }
  return result;
}

namespace {

// An orthonormal basis of the columns, by thin Householder QR.
RowMatrix orthonormal_columns(const RowMatrix& columns) {
  Eigen::MatrixXf plain = columns;
  Eigen::HouseholderQR<Eigen::MatrixXf> qr(plain);
  Eigen::MatrixXf thin = qr.householderQ() * Eigen::MatrixXf::Identity(plain.rows(), plain.cols());
  return thin;
}

}  // namespace

RowMatrix randomized_right_singular_vectors(const SparseRows& matrix, const SvdOptions& options,
                                            const WorkControl& control) {
  int rank = std::min<int>(options.rank, static_cast<int>(std::min(matrix.rows, matrix.cols)));
  int width = std::min<int>(rank + options.oversampling, static_cast<int>(std::min(matrix.rows, matrix.cols)));
  if (rank <= 0) return RowMatrix::Zero(static_cast<Eigen::Index>(matrix.cols), 0);
  SparseRows transposed = transpose(matrix);

  std::mt19937_64 random(options.seed);
  std::normal_distribution<float> gaussian;
  RowMatrix omega(static_cast<Eigen::Index>(matrix.cols), width);
  for (Eigen::Index i = 0; i < omega.size(); ++i) omega.data()[i] = gaussian(random);

  int passes = 2 * options.power_iterations + 2, pass = 0;
  auto step = [&] {
    control.check_cancelled();
    control.report(static_cast<double>(++pass) / passes, "svd");
  };
  RowMatrix basis = orthonormal_columns(multiply(matrix, omega, options.threads));
  step();
  for (int iteration = 0; iteration < options.power_iterations; ++iteration) {
    RowMatrix back = orthonormal_columns(multiply(transposed, basis, options.threads));
    step();
    basis = orthonormal_columns(multiply(matrix, back, options.threads));
    step();
  }
  // B = Qᵀ·A is width × cols; its right singular vectors come from the small Gram matrix B·Bᵀ.
  RowMatrix b_transposed = multiply(transposed, basis, options.threads);
  step();
  Eigen::MatrixXd gram = (b_transposed.transpose() * b_transposed).cast<double>();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(gram);
  RowMatrix vectors(static_cast<Eigen::Index>(matrix.cols), rank);
  for (int r = 0; r < rank; ++r) {
    Eigen::Index source = width - 1 - r;  // eigenvalues come in increasing order
    double sigma = std::sqrt(std::max(eigen.eigenvalues()(source), 1e-12));
    Eigen::VectorXf w = (eigen.eigenvectors().col(source) * std::pow(sigma, options.singular_value_power - 2.0)).cast<float>();
    vectors.col(r) = b_transposed * w;
  }
  return vectors;
}

}  // namespace reinforge::topics
