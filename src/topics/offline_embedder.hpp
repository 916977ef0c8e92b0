#pragma once
// The embedder topics use when no provider's embedding model is set: lexical vectors (TF-IDF of
// words and character n-grams reduced by SVD) joined with word vectors (SIF means of GloVe
// vectors built into the binary). The lexical side tells apart texts that use the dataset's own
// words; the word vectors bring together texts that mean alike in other words. Joined at 0.7,
// they lifted every labelled set discovery is measured on (docs/topics.md, "Word vectors").
#include <optional>

#include "topics/discovery.hpp"
#include "topics/joined_embedder.hpp"
#include "topics/lexical_embedder.hpp"
#include "topics/word_vector_embedder.hpp"

namespace reinforge::topics {

// The word vectors' weight next to the lexical vectors; 0 leaves them out.
constexpr float kOfflineWordVectorWeight = 0.7f;

class OfflineEmbedder final : public Embedder {
 public:
  explicit OfflineEmbedder(LexicalEmbedderOptions lexical = default_lexical_options(),
                           WordVectorEmbedderOptions words = {},
                           float word_vector_weight = kOfflineWordVectorWeight);
  // The joined embedder points at the other two members.
  OfflineEmbedder(const OfflineEmbedder&) = delete;
  OfflineEmbedder& operator=(const OfflineEmbedder&) = delete;

  void fit(std::span<const std::string> texts, const WorkControl& control) override;
  RowMatrix embed(std::span<const std::string> texts, const WorkControl& control) const override;
  int dimensions() const override;

 private:
  // The joined embedder, or the lexical one alone at weight 0.
  Embedder& in_use();
  const Embedder& in_use() const;

  LexicalEmbedder lexical_;
  // Both absent at weight 0, which leaves the built-in vectors unread.
  std::optional<WordVectorEmbedder> words_;
  std::optional<JoinedEmbedder> joined_;
};

}  // namespace reinforge::topics
