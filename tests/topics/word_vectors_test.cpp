// The built-in word vectors and the embedders that use them (docs/topics.md, "Word vectors").
#include "topics/word_vectors.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "topics/joined_embedder.hpp"
#include "topics/lexical_embedder.hpp"
#include "topics/offline_embedder.hpp"
#include "topics/word_vector_embedder.hpp"

namespace reinforge::topics {
namespace {

float cosine_of_words(const WordVectors& vectors, std::string_view a, std::string_view b) {
  auto x = vectors.find(a);
  auto y = vectors.find(b);
  EXPECT_TRUE(x.values && y.values) << a << " " << b;
  if (!x.values || !y.values) return 0;
  float dot = 0, xx = 0, yy = 0;
  for (int d = 0; d < vectors.dimensions(); ++d) {
    float p = x.scale * x.values[d], q = y.scale * y.values[d];
    dot += p * q;
    xx += p * p;
    yy += q * q;
  }
  return dot / std::sqrt(xx * yy);
}

float cosine_of_rows(const RowMatrix& rows, Eigen::Index a, Eigen::Index b) {
  return rows.row(a).dot(rows.row(b));
}

TEST(WordVectors, the_built_in_vectors_know_which_words_mean_alike) {
  const auto& vectors = builtin_word_vectors();
  EXPECT_EQ(vectors.size(), 150000u);
  EXPECT_EQ(vectors.dimensions(), 100);
  EXPECT_EQ(vectors.find("the").rank, 0u);  // most frequent first
  EXPECT_FALSE(vectors.find("zzqxv").values);
  EXPECT_FALSE(vectors.find("The").values);  // lowercase only, as split_words gives words
  EXPECT_GT(cosine_of_words(vectors, "refund", "reimbursement"),
            cosine_of_words(vectors, "refund", "weather") + 0.3f);
  EXPECT_GT(cosine_of_words(vectors, "song", "playlist"),
            cosine_of_words(vectors, "song", "invoice") + 0.3f);
}

TEST(WordVectors, a_malformed_file_is_refused) {
  auto file = [](uint32_t words, uint32_t dimensions, std::string body) {
    std::string bytes = "RFWV0001";
    bytes.append(reinterpret_cast<const char*>(&words), 4);
    bytes.append(reinterpret_cast<const char*>(&dimensions), 4);
    return bytes + body;
  };
  std::string one_word =
      std::string(1, '\x02') + "hi" + std::string(4, '\0') + std::string(2, '\x01');
  EXPECT_EQ(WordVectors::from_bytes(file(1, 2, one_word)).size(), 1u);
  std::string bad_magic = file(1, 2, one_word);
  bad_magic[0] = 'X';
  EXPECT_THROW(WordVectors::from_bytes(bad_magic), std::runtime_error);
  EXPECT_THROW(WordVectors::from_bytes(file(2, 2, one_word)), std::runtime_error);  // cut short
  EXPECT_THROW(WordVectors::from_bytes(file(1, 2, one_word + "x")),
               std::runtime_error);  // bytes after
  EXPECT_THROW(WordVectors::from_bytes(file(2, 2, one_word + one_word)),
               std::runtime_error);                                           // twice
  EXPECT_THROW(WordVectors::from_bytes(file(0, 0, "")), std::runtime_error);  // no width
  // A count the bytes cannot hold is refused before a table is made for it.
  EXPECT_THROW(WordVectors::from_bytes(file(0xFFFFFFFFu, 2, one_word)), std::runtime_error);
  std::string empty_word = std::string(1, '\0') + std::string(4, '\0') + std::string(2, '\x01');
  EXPECT_THROW(WordVectors::from_bytes(file(1, 2, empty_word)), std::runtime_error);
}

TEST(WordVectorEmbedder, texts_that_mean_alike_are_near_without_a_shared_word) {
  std::vector<std::string> texts = {"I want my money back",  "refund please",
                                    "will it rain tomorrow", "what's the forecast",
                                    "what the forecast",     "zzqxv qqzzk"};
  WordVectorEmbedder embedder(builtin_word_vectors());
  embedder.fit(texts, {});
  auto rows = embedder.embed(texts, {});
  ASSERT_EQ(rows.cols(), 100);
  EXPECT_GT(cosine_of_rows(rows, 0, 1), cosine_of_rows(rows, 0, 2) + 0.1f);
  EXPECT_GT(cosine_of_rows(rows, 2, 3), cosine_of_rows(rows, 1, 3) + 0.1f);
  // The "s" after an apostrophe is not a word of its own.
  EXPECT_NEAR(cosine_of_rows(rows, 3, 4), 1.0f, 1e-5f);
  // ...nor after a phone's typographic apostrophe; a short word in quotes is still a word.
  std::vector<std::string> more = {"what\u2019s the forecast", "press 'ok' now", "press now"};
  auto other = embedder.embed(more, {});
  EXPECT_NEAR(other.row(0).dot(rows.row(4)), 1.0f, 1e-5f);
  EXPECT_LT(other.row(1).dot(other.row(2)), 0.999f);
  EXPECT_NEAR(rows.row(0).norm(), 1.0f, 1e-5f);
  EXPECT_EQ(rows.row(5).squaredNorm(), 0.0f);  // no known word: a zero row
}

TEST(JoinedEmbedder, rows_are_both_sides_weighted_unit_length_and_progress_only_grows) {
  std::vector<std::string> texts;
  for (int i = 0; i < 200; ++i)
    texts.push_back("refund order " + std::to_string(i % 7) + " weather forecast city " +
                    std::to_string(i % 11));
  LexicalEmbedder lexical(default_lexical_options());
  WordVectorEmbedder words(builtin_word_vectors());
  JoinedEmbedder joined(lexical, words, 0.7f);
  std::vector<double> progress;
  WorkControl control;
  control.on_progress = [&](double fraction, std::string_view) { progress.push_back(fraction); };
  joined.fit(texts, control);
  ASSERT_FALSE(progress.empty());
  for (std::size_t i = 1; i < progress.size(); ++i) EXPECT_GE(progress[i], progress[i - 1]);
  EXPECT_LE(progress.back(), 1.0);
  auto rows = joined.embed(texts, {});
  auto left = lexical.embed(texts, {});
  auto right = words.embed(texts, {});
  ASSERT_EQ(rows.cols(), left.cols() + right.cols());
  EXPECT_EQ(joined.dimensions(), lexical.dimensions() + 100);
  for (Eigen::Index r = 0; r < rows.rows(); ++r) {
    EXPECT_NEAR(rows.row(r).norm(), 1.0f, 1e-5f);
    // The word vectors' side is 0.7 of the lexical side (both unit length before joining).
    EXPECT_NEAR(rows.row(r).rightCols(100).norm() / rows.row(r).leftCols(left.cols()).norm(), 0.7f,
                1e-4f);
  }
}

TEST(OfflineEmbedder, without_word_vectors_it_is_the_lexical_embedder) {
  std::vector<std::string> texts = {"refund my order", "weather in paris", "python loop",
                                    "refund again please"};
  OfflineEmbedder offline(default_lexical_options(), {}, 0.0f);
  LexicalEmbedder lexical(default_lexical_options());
  offline.fit(texts, {});
  lexical.fit(texts, {});
  EXPECT_EQ(offline.dimensions(), lexical.dimensions());
  EXPECT_TRUE(offline.embed(texts, {}).isApprox(lexical.embed(texts, {})));
  OfflineEmbedder joined;
  joined.fit(texts, {});
  EXPECT_EQ(joined.dimensions(), lexical.dimensions() + 100);
}

}  // namespace
}  // namespace reinforge::topics
