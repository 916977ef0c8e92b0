#include "topics/provider_embedder.hpp"

#include <cmath>

#include "topics/parallel_rows.hpp"
#include "util/utf8.hpp"

namespace reinforge::topics {

ProviderEmbedder::ProviderEmbedder(std::shared_ptr<const providers::LlmProvider> provider,
                                   std::string model, ProviderEmbedderOptions options)
    : provider_(std::move(provider)), model_(std::move(model)), options_(options) {}

std::vector<std::vector<float>> ProviderEmbedder::request(const std::vector<std::string>& inputs,
                                                          const WorkControl& control) const {
  providers::CallControl call{control.cancel};
  auto answer = provider_->embed(model_, inputs, call);
  if (call.is_cancelled()) throw Cancelled();
  if (!answer.ok) throw EmbeddingProviderError(answer.error);
  if (answer.vectors.size() != inputs.size()) {
    throw EmbeddingProviderError("the embeddings model '" + model_ + "' returned " +
                                 std::to_string(answer.vectors.size()) + " vectors for " +
                                 std::to_string(inputs.size()) + " inputs");
  }
  return std::move(answer.vectors);
}

void ProviderEmbedder::fit(std::span<const std::string> texts, const WorkControl& control) {
  std::string probe = "hello";
  for (const auto& text : texts) {
    if (!text.empty()) {
      probe = std::string(util::utf8_prefix(text, 200));
      break;
    }
  }
  auto vectors = request({probe}, control);
  if (vectors[0].empty())
    throw EmbeddingProviderError("the embeddings model '" + model_ + "' returned an empty vector");
  dimensions_ = static_cast<int>(vectors[0].size());
}

RowMatrix ProviderEmbedder::embed(std::span<const std::string> texts,
                                  const WorkControl& control) const {
  if (dimensions_ == 0) throw std::logic_error("ProviderEmbedder::embed before fit");
  RowMatrix rows = RowMatrix::Zero(static_cast<Eigen::Index>(texts.size()), dimensions_);

  // Batches of consecutive non-empty texts, bounded in count and bytes.
  struct Batch {
    std::vector<std::size_t> rows;
    std::vector<std::string> inputs;
  };
  std::vector<Batch> batches(1);
  std::size_t batch_bytes = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].empty()) continue;
    auto input = util::utf8_prefix(texts[i], options_.max_text_bytes);
    if (batches.back().inputs.size() == options_.batch_inputs ||
        (batch_bytes + input.size() > options_.batch_bytes && !batches.back().inputs.empty())) {
      batches.emplace_back();
      batch_bytes = 0;
    }
    batches.back().rows.push_back(i);
    batches.back().inputs.emplace_back(input);
    batch_bytes += input.size();
  }
  if (batches.back().inputs.empty()) batches.pop_back();

  // A few requests in flight at once; progress and cancellation are handled on this thread
  // between waves, since a job's progress callback is not meant for other threads.
  unsigned concurrency = std::max(1u, options_.concurrent_requests);
  for (std::size_t first = 0; first < batches.size(); first += concurrency) {
    control.check_cancelled();
    std::size_t wave = std::min<std::size_t>(concurrency, batches.size() - first);
    parallel_rows(wave, concurrency, [&](std::size_t begin, std::size_t end, unsigned) {
      for (std::size_t b = first + begin; b < first + end; ++b) {
        auto vectors = request(batches[b].inputs, control);
        for (std::size_t j = 0; j < vectors.size(); ++j) {
          auto& vector = vectors[j];
          if (vector.size() != static_cast<std::size_t>(dimensions_)) {
            throw EmbeddingProviderError("the embeddings model '" + model_ +
                                         "' returned a vector of " + std::to_string(vector.size()) +
                                         " dimensions after one of " + std::to_string(dimensions_));
          }
          double norm = 0;
          for (float value : vector) norm += static_cast<double>(value) * value;
          if (!std::isfinite(norm)) {
            throw EmbeddingProviderError("the embeddings model '" + model_ +
                                         "' returned a vector that is not finite");
          }
          if (norm == 0) continue;
          auto scale = static_cast<float>(1.0 / std::sqrt(norm));
          auto out = rows.row(static_cast<Eigen::Index>(batches[b].rows[j]));
          for (int d = 0; d < dimensions_; ++d)
            out(d) = vector[static_cast<std::size_t>(d)] * scale;
        }
      }
    });
    control.report(static_cast<double>(first + wave) / static_cast<double>(batches.size()),
                   "embedding with the provider");
  }
  return rows;
}

}  // namespace reinforge::topics
