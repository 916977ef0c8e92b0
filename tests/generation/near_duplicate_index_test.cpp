// The near-duplicate index finds the most similar earlier vector, exactly inside the cells it
// probes; with cells (large sets) it must still find planted near duplicates.
#include "generation/near_duplicate_index.hpp"

#include <gtest/gtest.h>

#include <random>

#include "generation/duplicate_fingerprint.hpp"

namespace reinforge::generation {
namespace {

using topics::RowMatrix;

RowMatrix clustered_unit_rows(int rows, int dimensions, int centres, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::normal_distribution<float> normal;
  RowMatrix centre(centres, dimensions);
  for (int c = 0; c < centres; ++c)
    for (int d = 0; d < dimensions; ++d) centre(c, d) = normal(random);
  RowMatrix vectors(rows, dimensions);
  for (int r = 0; r < rows; ++r) {
    for (int d = 0; d < dimensions; ++d)
      vectors(r, d) = centre(r % centres, d) + 0.8f * normal(random);
    vectors.row(r).normalize();
  }
  return vectors;
}

// A vector at cosine ≈ `cosine` from `row`.
Eigen::RowVectorXf near(const RowMatrix& vectors, int row, float cosine, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::normal_distribution<float> normal;
  Eigen::RowVectorXf noise(vectors.cols());
  for (int d = 0; d < vectors.cols(); ++d) noise[d] = normal(random);
  Eigen::RowVectorXf base = vectors.row(row);
  noise -= noise.dot(base) * base;
  noise.normalize();
  Eigen::RowVectorXf result = cosine * base + std::sqrt(1 - cosine * cosine) * noise;
  return result;
}

TEST(NearDuplicateIndex, finds_the_exact_nearest_in_a_small_set) {
  auto vectors = clustered_unit_rows(500, 32, 20, 1);
  NearDuplicateIndex index(32);
  index.build(vectors);
  EXPECT_EQ(index.cells(), 1u);
  auto query = near(vectors, 123, 0.95f, 2);
  auto match = index.nearest(query.data());
  EXPECT_EQ(match.id, 123);
  EXPECT_NEAR(match.similarity, 0.95f, 1e-4);
}

TEST(NearDuplicateIndex, finds_planted_near_duplicates_through_its_cells) {
  auto vectors = clustered_unit_rows(40000, 64, 400, 3);
  NearDuplicateIndex index(64);
  index.build(vectors);
  EXPECT_GT(index.cells(), 16u);
  RowMatrix queries(200, 64);
  for (int q = 0; q < 200; ++q) queries.row(q) = near(vectors, q * 197, 0.93f, 100 + q);
  auto matches = index.nearest_all(queries);
  int found = 0;
  for (int q = 0; q < 200; ++q) {
    if (matches[static_cast<std::size_t>(q)].similarity >= 0.92f) ++found;
  }
  EXPECT_GE(found, 196) << "recall of planted near duplicates at 0.92";
}

TEST(NearDuplicateIndex, an_added_vector_is_found_and_a_zero_vector_matches_nothing) {
  auto vectors = clustered_unit_rows(20000, 32, 100, 5);
  NearDuplicateIndex index(32);
  index.build(vectors);
  Eigen::RowVectorXf fresh = near(vectors, 7, 0.2f, 9);
  auto id = index.add(fresh.data());
  EXPECT_EQ(id, 20000);
  Eigen::RowVectorXf again = fresh;
  auto match = index.nearest(again.data());
  EXPECT_EQ(match.id, id);
  EXPECT_NEAR(match.similarity, 1.0f, 1e-5);
  Eigen::RowVectorXf zero = Eigen::RowVectorXf::Zero(32);
  EXPECT_EQ(index.nearest(zero.data()).id, -1);
}

TEST(DuplicateFingerprint, scores_a_light_rewording_high_and_another_question_of_the_topic_low) {
  std::vector<std::string> dataset = {
      "How do I reset my password for the billing portal?",
      "Why was I charged twice on my last invoice?",
      "Can I get a refund for an annual subscription?",
      "What is the weather tomorrow in Paris?",
      "Will it rain in Berlin this weekend?",
      "My python function raises a KeyError on a missing dictionary key",
  };
  DuplicateFingerprint fingerprint;
  fingerprint.fit(dataset);
  std::vector<std::string> texts = {dataset[1],
                                    "WHY WAS I CHARGED TWICE ON MY LAST INVOICE??",
                                    "why was i charged twice on my last invoice, please",
                                    "Why did my card get a double charge this month?",
                                    "Can I get a refund for an annual subscription?",
                                    ""};
  auto rows = fingerprint.embed(texts);
  auto cosine = [&](int a, int b) { return rows.row(a).dot(rows.row(b)); };
  EXPECT_GT(cosine(0, 1), 0.99f);  // case and punctuation
  EXPECT_GT(cosine(0, 2), 0.88f);  // one rare word (and its pair) added: 0.915
  EXPECT_LT(cosine(0, 3), 0.6f);   // the same complaint in other words is a new record
  EXPECT_LT(cosine(0, 4), 0.3f);   // another question of the topic
  EXPECT_EQ(rows.row(5).squaredNorm(), 0.0f);
}

}  // namespace
}  // namespace reinforge::generation
