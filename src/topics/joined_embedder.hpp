#pragma once
// Two embedders side by side: each text's row is its first embedder's row next to its second's
// times a weight, unit length. How word vectors join the lexical vectors (docs/topics.md).
#include "topics/embedder.hpp"

namespace reinforge::topics {

class JoinedEmbedder final : public Embedder {
 public:
  JoinedEmbedder(Embedder& first, Embedder& second, float second_weight);
  void fit(std::span<const std::string> texts, const WorkControl& control) override;
  RowMatrix embed(std::span<const std::string> texts, const WorkControl& control) const override;
  int dimensions() const override { return first_.dimensions() + second_.dimensions(); }

 private:
  Embedder& first_;
  Embedder& second_;
  float second_weight_;
};

}  // namespace reinforge::topics
