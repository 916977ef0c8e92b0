#pragma once
// Text vectors from pre-trained word vectors: each text is the weighted sum of its known words'
// vectors with smooth inverse frequency weights a / (a + p(word)), minus the first principal
// direction of the fitted texts, unit length ("SIF", Arora, Liang and Ma 2017). p is read from
// the word's frequency rank in the vectors' corpus (Zipf's law), not counted in the dataset: in
// a small dataset the word a whole cluster shares would count as frequent and lose its weight.
// Words that mean alike are near each other in the vectors, so texts that share no word can
// still be near: what lexical features miss (docs/topics.md, "Word vectors").
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "topics/embedder.hpp"
#include "topics/word_vectors.hpp"

namespace reinforge::topics {

struct WordVectorEmbedderOptions {
  float smoothing = 1e-3f;             // SIF's a
  bool remove_first_direction = true;  // SIF's common-component removal
  std::size_t fit_sample = 50000;      // texts the common direction comes from
  unsigned threads = 0;
  uint64_t seed = 42;
};

// Reused from text to text by one thread.
struct WordScratch {
  std::string lowered;
  std::vector<std::string_view> words;
};

class WordVectorEmbedder final : public Embedder {
 public:
  explicit WordVectorEmbedder(const WordVectors& vectors, WordVectorEmbedderOptions options = {});
  void fit(std::span<const std::string> texts, const WorkControl& control) override;
  RowMatrix embed(std::span<const std::string> texts, const WorkControl& control) const override;
  int dimensions() const override { return vectors_.dimensions(); }

 private:
  float weight_of(uint32_t rank) const;
  // The weighted sum of the text's known words' vectors; zero when it has none.
  void weighted_word_sum(const std::string& text, WordScratch& scratch,
                         std::vector<float>& out) const;
  std::vector<float> first_direction_of(std::span<const std::string> texts,
                                        const std::vector<std::size_t>& sample) const;

  const WordVectors& vectors_;
  WordVectorEmbedderOptions options_;
  std::vector<float> first_direction_;  // unit length, or empty
};

}  // namespace reinforge::topics
