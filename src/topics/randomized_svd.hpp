#pragma once
// Truncated SVD of a large sparse matrix by random projection (Halko, Martinsson & Tropp 2011,
// "Finding structure with randomness", algorithms 4.4 and 5.1): a few passes over the data
// instead of a full decomposition.
#include "topics/progress.hpp"
#include "topics/sparse_rows.hpp"

namespace reinforge::topics {

struct SvdOptions {
  int rank = 128;
  int oversampling = 10;
  int power_iterations = 2;
  unsigned threads = 0;
  uint64_t seed = 42;
  // Coordinates come out as u·σ^power: 1 is classic LSA, 0 whitens every direction.
  float singular_value_power = 1.0f;
};

// The top right singular vectors as the columns of a cols × rank matrix, each scaled by
// nothing: projecting a row x gives x·V = u·σ, the usual LSA coordinates.
RowMatrix randomized_right_singular_vectors(const SparseRows& matrix, const SvdOptions& options,
                                            const WorkControl& control = {});

// Products used by the SVD and by projection: matrix · dense and matrixᵀ · dense.
RowMatrix multiply(const SparseRows& matrix, const RowMatrix& dense, unsigned threads);
SparseRows transpose(const SparseRows& matrix);

}  // namespace reinforge::topics
