#include "topics/offline_embedder.hpp"

namespace reinforge::topics {

OfflineEmbedder::OfflineEmbedder(LexicalEmbedderOptions lexical, WordVectorEmbedderOptions words,
                                 float word_vector_weight)
    : lexical_(lexical) {
  if (word_vector_weight > 0) {
    words_.emplace(builtin_word_vectors(), words);
    joined_.emplace(lexical_, *words_, word_vector_weight);
  }
}

Embedder& OfflineEmbedder::in_use() {
  return joined_ ? static_cast<Embedder&>(*joined_) : lexical_;
}

const Embedder& OfflineEmbedder::in_use() const {
  return const_cast<OfflineEmbedder&>(*this).in_use();
}

void OfflineEmbedder::fit(std::span<const std::string> texts, const WorkControl& control) {
  in_use().fit(texts, control);
}

RowMatrix OfflineEmbedder::embed(std::span<const std::string> texts,
                                 const WorkControl& control) const {
  return in_use().embed(texts, control);
}

int OfflineEmbedder::dimensions() const {
  return in_use().dimensions();
}

}  // namespace reinforge::topics
