// The near-duplicate index against an exhaustive scan: exact below the size where it learns
// cells, and above it every planted near duplicate found with its exact cosine, one query at a
// time, in a batch, and after records are added.
#include "generation/near_duplicate_index.hpp"

#include <gtest/gtest.h>

#include <random>

namespace reinforge::generation {
namespace {

using topics::RowMatrix;

RowMatrix unit_rows(Eigen::Index rows, int dimensions, std::mt19937_64& random) {
  std::normal_distribution<float> normal;
  RowMatrix vectors(rows, dimensions);
  for (Eigen::Index r = 0; r < rows; ++r) {
    for (int d = 0; d < dimensions; ++d) vectors(r, d) = normal(random);
    vectors.row(r).normalize();
  }
  return vectors;
}

// Rows around a few hundred centres, as embeddings cluster; dimensions not a multiple of 8 or 16.
RowMatrix clustered(Eigen::Index rows, int dimensions, std::mt19937_64& random) {
  RowMatrix centres = unit_rows(300, dimensions, random);
  RowMatrix noise = unit_rows(rows, dimensions, random);
  std::uniform_int_distribution<Eigen::Index> centre(0, centres.rows() - 1);
  RowMatrix vectors(rows, dimensions);
  for (Eigen::Index r = 0; r < rows; ++r)
    vectors.row(r) = (centres.row(centre(random)) + 0.8f * noise.row(r)).normalized();
  return vectors;
}

// A unit vector at `cosine` to the unit row `base`.
Eigen::RowVectorXf near(const Eigen::RowVectorXf& base, float cosine, std::mt19937_64& random) {
  Eigen::RowVectorXf direction = unit_rows(1, static_cast<int>(base.size()), random).row(0);
  direction -= direction.dot(base) * base;
  return cosine * base + std::sqrt(1 - cosine * cosine) * direction.normalized();
}

NearDuplicateIndex::Match exhaustive(const RowMatrix& vectors, const float* query) {
  Eigen::Map<const Eigen::RowVectorXf> row(query, vectors.cols());
  Eigen::VectorXf scores = vectors * row.transpose();
  Eigen::Index best = 0;
  float value = scores.maxCoeff(&best);
  return {best, value};
}

TEST(NearDuplicateIndexTest, small_sets_are_scanned_exactly) {
  std::mt19937_64 random(1);
  RowMatrix vectors = unit_rows(500, 37, random);
  NearDuplicateIndex index(37);
  index.build(vectors);
  EXPECT_EQ(index.cells(), 1u);
  RowMatrix queries = unit_rows(50, 37, random);
  auto batch = index.nearest_all(queries);
  for (Eigen::Index q = 0; q < queries.rows(); ++q) {
    auto truth = exhaustive(vectors, queries.row(q).data());
    auto one = index.nearest(queries.row(q).data());
    EXPECT_EQ(one.id, truth.id);
    EXPECT_NEAR(one.similarity, truth.similarity, 1e-5);
    EXPECT_EQ(batch[static_cast<std::size_t>(q)].id, truth.id);
  }
}

TEST(NearDuplicateIndexTest, finds_planted_near_duplicates_among_cells_with_exact_cosines) {
  std::mt19937_64 random(2);
  const int dimensions = 45;
  RowMatrix vectors = clustered(30000, dimensions, random);
  NearDuplicateIndex index(dimensions);
  index.build(vectors);
  EXPECT_GT(index.cells(), 1u);
  EXPECT_EQ(index.size(), 30000u);

  std::uniform_int_distribution<Eigen::Index> any(0, vectors.rows() - 1);
  std::uniform_real_distribution<float> cosine(0.92f, 0.99f);
  RowMatrix queries(200, dimensions);
  std::vector<float> planted(200);
  for (Eigen::Index q = 0; q < queries.rows(); ++q) {
    planted[static_cast<std::size_t>(q)] = cosine(random);
    queries.row(q) = near(vectors.row(any(random)), planted[static_cast<std::size_t>(q)], random);
  }
  auto batch = index.nearest_all(queries);
  for (Eigen::Index q = 0; q < queries.rows(); ++q) {
    auto truth = exhaustive(vectors, queries.row(q).data());
    auto one = index.nearest(queries.row(q).data());
    const auto& many = batch[static_cast<std::size_t>(q)];
    EXPECT_GE(one.similarity, planted[static_cast<std::size_t>(q)] - 1e-5f);
    EXPECT_NEAR(one.similarity, truth.similarity, 1e-5);
    EXPECT_EQ(many.id, one.id);
    EXPECT_NEAR(many.similarity, one.similarity, 1e-6);
    // The similarity reported is the exact cosine of the record reported.
    EXPECT_NEAR(one.similarity, vectors.row(one.id).dot(queries.row(q)), 1e-5);
  }
}

TEST(NearDuplicateIndexTest, added_vectors_are_found_and_zero_vectors_match_nothing) {
  std::mt19937_64 random(3);
  RowMatrix vectors = clustered(20000, 64, random);
  NearDuplicateIndex index(64);
  index.build(vectors);
  RowMatrix added = unit_rows(40, 64, random);  // across many cells, some sharing a panel
  for (Eigen::Index r = 0; r < added.rows(); ++r)
    EXPECT_EQ(index.add(added.row(r).data()), 20000 + r);
  for (Eigen::Index r = 0; r < added.rows(); ++r) {
    Eigen::RowVectorXf query = near(added.row(r), 0.97f, random);
    auto match = index.nearest(query.data());
    EXPECT_EQ(match.id, 20000 + r);
    EXPECT_NEAR(match.similarity, 0.97f, 1e-4);
  }
  Eigen::RowVectorXf zero = Eigen::RowVectorXf::Zero(64);
  EXPECT_EQ(index.nearest(zero.data()).id, -1);
  RowMatrix zeros = RowMatrix::Zero(3, 64);
  for (const auto& match : index.nearest_all(zeros)) EXPECT_EQ(match.id, -1);
}

TEST(NearDuplicateIndexTest, an_empty_index_matches_nothing) {
  NearDuplicateIndex index(8);
  index.build(RowMatrix(0, 8));
  Eigen::RowVectorXf query = Eigen::RowVectorXf::Ones(8).normalized();
  EXPECT_EQ(index.nearest(query.data()).id, -1);
  EXPECT_EQ(index.add(query.data()), 0);
  EXPECT_EQ(index.nearest(query.data()).id, 0);
}

}  // namespace
}  // namespace reinforge::generation
