#pragma once
// Embeddings from a provider's model (POST /v1/embeddings through providers/, with its retries)
// behind the same Embedder seam as the offline LexicalEmbedder. Texts go in batches, a few
// batches at a time; rows come back L2-normalized. Any failure (no answer, an HTTP error after
// the retries, vectors of the wrong size) throws EmbeddingProviderError so the caller can fall
// back to the lexical method and say why.
#include <memory>
#include <stdexcept>
#include <string>

#include "providers/llm_provider.hpp"
#include "topics/embedder.hpp"

namespace reinforge::topics {

struct EmbeddingProviderError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ProviderEmbedderOptions {
  std::size_t batch_inputs = 256;      // texts per request
  std::size_t batch_bytes = 400'000;   // and at most this much text per request (a token budget)
  std::size_t max_text_bytes = 8'000;  // longer texts are cut: embedding models take ~8k tokens
  unsigned concurrent_requests = 4;
};

class ProviderEmbedder final : public Embedder {
 public:
  ProviderEmbedder(std::shared_ptr<const providers::LlmProvider> provider, std::string model,
                   ProviderEmbedderOptions options = {});
  // The model is trained already; this only learns its width from one short request, so a
  // provider that is down or misconfigured fails here, before any other work.
  void fit(std::span<const std::string> texts, const WorkControl& control) override;
  // Texts that are empty get a zero row without being sent.
  RowMatrix embed(std::span<const std::string> texts, const WorkControl& control) const override;
  int dimensions() const override { return dimensions_; }

 private:
  std::vector<std::vector<float>> request(const std::vector<std::string>& inputs,
                                          const WorkControl& control) const;

  std::shared_ptr<const providers::LlmProvider> provider_;
  std::string model_;
  ProviderEmbedderOptions options_;
  int dimensions_ = 0;  // set by fit(); every vector must have this many
};

}  // namespace reinforge::topics
