#pragma once
// The vectors the near-duplicate gate compares (PRODUCT.md §5): TF-IDF over a record's words
// and word pairs, with document frequencies learned from the dataset, folded into a fixed
// number of dimensions by signed feature hashing. Two prompts score high only when they share
// most of their rarer words, so "the same question reworded a little" is caught while two
// different questions on one topic are not. Topic embeddings (LSA, or a provider's model) are
// the wrong tool here: they place every request of a topic close together by design, and on a
// small dataset two distinct questions of one topic scored 0.94–0.99 with them.
// Hashing adds noise of about 1/√dimensions to the cosine of unrelated texts (0.06 at 256),
// far below the 0.85 threshold.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "topics/sparse_rows.hpp"

namespace reinforge::generation {

class DuplicateFingerprint {
 public:
  static constexpr int kDimensions = 256;

  // Learns how many of `texts` contain each word and word pair.
  void fit(std::span<const std::string> texts);
  // One unit row per text (zero for a text without words), on `threads` threads (0: all cores).
  topics::RowMatrix embed(std::span<const std::string> texts, unsigned threads = 0) const;

 private:
  void embed_into(std::string_view text, float* row, std::vector<uint64_t>& hashes) const;
  float idf(uint64_t hash) const;

  static constexpr int kBucketBits = 20;
  std::vector<uint32_t> document_frequency_ =
      std::vector<uint32_t>(std::size_t{1} << kBucketBits, 0);
  double documents_ = 0;
};

}  // namespace reinforge::generation
