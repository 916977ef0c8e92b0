#include "topics/randomized_svd.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <algorithm>
#include <random>

#include "topics/parallel_rows.hpp"
#include "topics/row_kernels.hpp"

namespace reinforge::topics {

RowMatrix multiply(const SparseRows& matrix, const RowMatrix& dense, unsigned threads) {
  RowMatrix result = RowMatrix::Zero(static_cast<Eigen::Index>(matrix.rows), dense.cols());
  parallel_rows(matrix.rows, threads, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t row = begin; row < end; ++row) {
      float* out = result.row(static_cast<Eigen::Index>(row)).data();
      for (std::size_t i = matrix.row_start[row]; i < matrix.row_start[row + 1]; ++i) {
        add_scaled_row(out, dense.row(matrix.col[i]).data(), matrix.value[i], static_cast<std::size_t>(dense.cols()));
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
RowMatrix householder_orthonormal(const RowMatrix& columns) {
  Eigen::MatrixXf plain = columns;
  Eigen::HouseholderQR<Eigen::MatrixXf> qr(plain);
  Eigen::MatrixXf thin = qr.householderQ() * Eigen::MatrixXf::Identity(plain.rows(), plain.cols());
  return thin;
}

constexpr std::size_t kRowBlock = 2048;

std::size_t row_blocks(const RowMatrix& matrix) {
  return (static_cast<std::size_t>(matrix.rows()) + kRowBlock - 1) / kRowBlock;
}

// A dense product split by rows across threads (Eigen alone would use one core).
RowMatrix multiply_dense(const RowMatrix& left, const Eigen::MatrixXf& right, unsigned threads) {
  RowMatrix result(left.rows(), right.cols());
  parallel_rows(row_blocks(left), threads, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t b = begin; b < end; ++b) {
      auto first = static_cast<Eigen::Index>(b * kRowBlock);
      auto count = std::min<Eigen::Index>(static_cast<Eigen::Index>(kRowBlock), left.rows() - first);
      result.middleRows(first, count).noalias() = left.middleRows(first, count) * right;
    }
  });
  return result;
}

// leftᵀ·right for two matrices with the same (many) rows: float products of row blocks, summed
// in double, split across threads.
Eigen::MatrixXd transposed_product(const RowMatrix& left, const RowMatrix& right, unsigned threads) {
  unsigned workers = resolve_threads(threads);
  std::vector<Eigen::MatrixXd> partial(workers, Eigen::MatrixXd::Zero(left.cols(), right.cols()));
  parallel_rows(row_blocks(left), workers, [&](std::size_t begin, std::size_t end, unsigned worker) {
    Eigen::MatrixXf block_product;
    for (std::size_t b = begin; b < end; ++b) {
      auto first = static_cast<Eigen::Index>(b * kRowBlock);
      auto count = std::min<Eigen::Index>(static_cast<Eigen::Index>(kRowBlock), left.rows() - first);
      block_product.noalias() = left.middleRows(first, count).transpose() * right.middleRows(first, count);
      partial[worker] += block_product.cast<double>();
    }
  });
  for (unsigned worker = 1; worker < workers; ++worker) partial[0] += partial[worker];
  return partial[0];
}

// An orthonormal basis of the columns by Cholesky QR (Q = Y·R⁻¹ with RᵀR = YᵀY): about a third
// of Householder's work on a tall matrix, and it splits across threads. When Y is too close to
// rank-deficient for the factorization, Householder takes over.
RowMatrix orthonormal_columns(const RowMatrix& columns, unsigned threads) {
  Eigen::LLT<Eigen::MatrixXd> cholesky(transposed_product(columns, columns, threads));
  Eigen::MatrixXd upper = cholesky.matrixU();
  if (cholesky.info() != Eigen::Success || upper.diagonal().minCoeff() <= 1e-6 * upper.diagonal().maxCoeff()) {
    return householder_orthonormal(columns);
  }
  Eigen::MatrixXf inverse =
      upper.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(upper.rows(), upper.cols())).cast<float>();
  return multiply_dense(columns, inverse, threads);
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

  int passes = 2 * options.power_iterations + 4, pass = 0;  // the step() calls below
  auto step = [&] {
    control.check_cancelled();
    control.report(static_cast<double>(++pass) / passes, "svd");
  };
  // Subspace iteration on A·Aᵀ (Halko et al. algorithm 4.4) with the basis kept orthonormal on
  // the documents' side only: one application of A·Aᵀ squares the singular value ratios, far
  // from float precision for the directions kept, and the vocabulary side can be 10 times taller.
  RowMatrix basis = orthonormal_columns(multiply(matrix, omega, options.threads), options.threads);
  omega = {};
  step();
  for (int iteration = 0; iteration < options.power_iterations; ++iteration) {
    RowMatrix back = multiply(transposed, basis, options.threads);
    step();
    basis = orthonormal_columns(multiply(matrix, back, options.threads), options.threads);
    step();
  }
  // B = Qᵀ·A is width × cols; its right singular vectors are Bᵀ·W·Σ⁻¹ where W, Σ² are the
  // eigenvectors and eigenvalues of the small Gram matrix B·Bᵀ = Qᵀ·(A·(Aᵀ·Q)).
  RowMatrix b_transposed = multiply(transposed, basis, options.threads);
  step();
  RowMatrix a_b = multiply(matrix, b_transposed, options.threads);
  Eigen::MatrixXd gram = transposed_product(basis, a_b, options.threads);
  gram = 0.5 * (gram + gram.transpose()).eval();
  a_b = {};
  b_transposed = {};
  step();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(gram);
  Eigen::MatrixXf weights(width, rank);
  for (int r = 0; r < rank; ++r) {
    Eigen::Index source = width - 1 - r;  // eigenvalues come in increasing order
    double sigma = std::sqrt(std::max(eigen.eigenvalues()(source), 1e-12));
    weights.col(r) = (eigen.eigenvectors().col(source) * std::pow(sigma, options.singular_value_power - 2.0)).cast<float>();
  }
  // Bᵀ·weights = Aᵀ·(Q·weights): a small dense product, then a sparse one, so the cost does
  // not grow with the vocabulary.
  RowMatrix vectors = multiply(transposed, multiply_dense(basis, weights, options.threads), options.threads);
  step();
  return vectors;
}

}  // namespace reinforge::topics
