#pragma once
// TF-IDF (sublinear term frequency) over hashed word and character n-grams, reduced by
// randomized truncated SVD and L2-normalized: latent semantic analysis, no provider needed.
#include <cstdint>
#include <vector>

#include "topics/embedder.hpp"
#include "topics/text_features.hpp"

namespace reinforge::topics {

struct LexicalEmbedderOptions {
  FeatureOptions features;
  int dimensions = 128;
  int min_document_frequency = 2;   // a feature seen once cannot relate two records
  std::size_t max_features = 200000;  // the most frequent survive
  std::size_t fit_sample = 50000;     // records the vocabulary and basis are learned from
  int hash_bits = 22;
  float singular_value_power = 1.0f;
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

 private:
  std::size_t bucket_of(uint64_t hash) const;
  float kind_weight(uint64_t hash) const;
  // The TF-IDF row of one text, unit length, as (column, weight) pairs.
  void tfidf_row(const std::string& text, std::vector<std::pair<uint32_t, float>>& row) const;

  LexicalEmbedderOptions options_;
  std::vector<int32_t> column_of_bucket_;  // -1 when the bucket is not in the vocabulary
  std::vector<float> idf_;
  RowMatrix components_;  // vocabulary × dimensions
};

}  // namespace reinforge::topics
