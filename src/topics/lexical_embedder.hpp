#pragma once
// TF-IDF (sublinear term frequency) over hashed word and character n-grams, reduced by
// randomized truncated SVD and L2-normalized: latent semantic analysis, no provider needed.
#include <cstdint>
#include <string_view>
#include <vector>

#include "topics/embedder.hpp"
#include "topics/frequent_word_rows.hpp"
#include "topics/text_features.hpp"

namespace reinforge::topics {

struct LexicalEmbedderOptions {
  FeatureOptions features;
  int dimensions = 128;
  int min_document_frequency = 2;   // a feature seen once cannot relate two records
  std::size_t max_features = 200000;  // the most frequent survive
  std::size_t fit_sample = 50000;     // records the vocabulary and basis are learned from
  std::size_t cached_words = 32768;   // the most frequent words get their projection cached
  int hash_bits = 22;
  float singular_value_power = 1.0f;
  // idf^power: above 1 a text's rarer words outweigh its common ones more than plain TF-IDF.
  float idf_power = 1.0f;
  unsigned threads = 0;
  uint64_t seed = 42;
};

class LexicalEmbedder final : public Embedder {
 public:
  explicit LexicalEmbedder(LexicalEmbedderOptions options = {});
  void fit(std::span<const std::string> texts, const WorkControl& control) override;
  RowMatrix embed(std::span<const std::string> texts, const WorkControl& control) const override;
  int dimensions() const override { return static_cast<int>(components_.cols()); }
  std::size_t vocabulary_size() const { return idf_.size(); }
  std::size_t cached_words() const { return word_cache_.size(); }

 private:
  std::size_t bucket_of(uint64_t hash) const;
  int32_t column_of(uint64_t hash) const { return column_of_bucket_[bucket_of(hash)]; }
  // TF-IDF weight of one occurrence before the term-frequency curve: idf × the kind's weight.
  float feature_weight(uint64_t hash, int32_t column) const;
  // The TF-IDF row of one text, unit length, as (column, weight) pairs.
  void tfidf_row(std::string_view text, TextFeatures& scratch, std::vector<HashedFeature>& merged,
                 std::vector<std::pair<uint32_t, float>>& row) const;
  // Adds the text's TF-IDF row times the basis to `out` (not normalized).
  void project(std::string_view text, TextFeatures& scratch, RepeatCounter& repeats,
               std::vector<HashedFeature>& repeated, float* out) const;
  void cache_frequent_words(std::span<const std::string> texts, const std::vector<std::size_t>& sample);

  LexicalEmbedderOptions options_;
  std::vector<int32_t> column_of_bucket_;  // -1 when the bucket is not in the vocabulary
  std::vector<float> idf_;
  RowMatrix components_;  // vocabulary × dimensions
  FrequentWordRows word_cache_;
};

}  // namespace reinforge::topics
