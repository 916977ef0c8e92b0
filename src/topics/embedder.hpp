#pragma once
// The seam between topic discovery and where vectors come from: the lexical embedder works
// offline; a provider's embedding model (providers/) can implement the same interface later.
#include <span>
#include <string>

#include "topics/progress.hpp"
#include "topics/sparse_rows.hpp"

namespace reinforge::topics {

class Embedder {
 public:
  virtual ~Embedder() = default;
  // Learns what the embedding needs from the dataset's texts (vocabulary, weights, basis).
  virtual void fit(std::span<const std::string> texts, const WorkControl& control) = 0;
  // One unit-length row per text; a text with no usable feature gets a zero row.
  virtual RowMatrix embed(std::span<const std::string> texts, const WorkControl& control) const = 0;
  virtual int dimensions() const = 0;
};

}  // namespace reinforge::topics
