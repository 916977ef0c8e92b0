#include "generation/duplicate_fingerprint.hpp"

#include <algorithm>
#include <cmath>

#include "topics/parallel_rows.hpp"
#include "topics/text_features.hpp"

namespace reinforge::generation {

namespace {

topics::FeatureOptions word_features() {
  topics::FeatureOptions options;
  options.char_ngram_min = 0;  // character n-grams make different words look alike
  return options;
}

uint64_t mixed(uint64_t hash) {
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33;
  return hash;
}

}  // namespace

void DuplicateFingerprint::fit(std::span<const std::string> texts) {
  std::fill(document_frequency_.begin(), document_frequency_.end(), 0);
  topics::TextFeatures scratch;
  std::vector<uint64_t> distinct;
  for (const auto& text : texts) {
    topics::extract_features(text, word_features(), scratch);
    distinct.assign(scratch.occurrences.begin(), scratch.occurrences.end());
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (auto hash : distinct) ++document_frequency_[mixed(hash) >> (64 - kBucketBits)];
  }
  documents_ = static_cast<double>(texts.size());
}

float DuplicateFingerprint::idf(uint64_t hash) const {
  double frequency = document_frequency_[mixed(hash) >> (64 - kBucketBits)];
  return static_cast<float>(std::log((documents_ + 1) / (frequency + 1)) + 1);
}

void DuplicateFingerprint::embed_into(std::string_view text, float* row,
                                      std::vector<uint64_t>& hashes) const {
  thread_local topics::TextFeatures scratch;
  topics::extract_features(text, word_features(), scratch);
  hashes.assign(scratch.occurrences.begin(), scratch.occurrences.end());
  std::sort(hashes.begin(), hashes.end());
  std::fill(row, row + kDimensions, 0.0f);
  for (std::size_t i = 0; i < hashes.size();) {
    std::size_t j = i;
    while (j < hashes.size() && hashes[j] == hashes[i]) ++j;
    uint64_t bucket = mixed(hashes[i] ^ 0x9e3779b97f4a7c15ULL);
    float sign = (bucket >> 63) ? 1.0f : -1.0f;
    float weight = (1.0f + std::log(static_cast<float>(j - i))) * idf(hashes[i]);
    row[bucket % kDimensions] += sign * weight;
    i = j;
  }
  float norm = 0;
  for (int d = 0; d < kDimensions; ++d) norm += row[d] * row[d];
  if (norm > 0) {
    norm = std::sqrt(norm);
    for (int d = 0; d < kDimensions; ++d) row[d] /= norm;
  }
}

topics::RowMatrix DuplicateFingerprint::embed(std::span<const std::string> texts,
                                              unsigned threads) const {
  topics::RowMatrix rows(static_cast<Eigen::Index>(texts.size()), kDimensions);
  topics::parallel_rows(texts.size(), threads, [&](std::size_t begin, std::size_t end, unsigned) {
    std::vector<uint64_t> hashes;
    for (std::size_t i = begin; i < end; ++i)
      embed_into(texts[i], rows.row(static_cast<Eigen::Index>(i)).data(), hashes);
  });
  return rows;
}

}  // namespace reinforge::generation
