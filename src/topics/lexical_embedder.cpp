#include "topics/lexical_embedder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <unordered_map>

#include "topics/parallel_rows.hpp"
#include "topics/randomized_svd.hpp"
#include "topics/row_kernels.hpp"
#include "topics/sampling.hpp"

namespace reinforge::topics {

LexicalEmbedder::LexicalEmbedder(LexicalEmbedderOptions options) : options_(options) {}

std::size_t LexicalEmbedder::bucket_of(uint64_t hash) const {
  return static_cast<std::size_t>((hash ^ (hash >> 29)) & ((1ull << options_.hash_bits) - 1));
}

float LexicalEmbedder::feature_weight(uint64_t hash, int32_t column) const {
  float kind = 1.0f;
  switch (kind_of(hash)) {
    case FeatureKind::word: kind = options_.features.word_weight; break;
    case FeatureKind::word_pair: kind = options_.features.pair_weight; break;
    default: kind = options_.features.char_weight; break;
  }
  return idf_[static_cast<std::size_t>(column)] * kind;
}

void LexicalEmbedder::tfidf_row(std::string_view text, TextFeatures& scratch, std::vector<HashedFeature>& merged,
                                std::vector<std::pair<uint32_t, float>>& row) const {
  row.clear();
  extract_features(text, options_.features, scratch);
  merge_features(scratch.occurrences, merged);
  for (const auto& feature : merged) {
    int32_t column = column_of(feature.hash);
    if (column < 0) continue;
    row.emplace_back(static_cast<uint32_t>(column), (1.0f + std::log(feature.count)) * feature_weight(feature.hash, column));
  }
  float norm = 0;
  for (auto& [column, weight] : row) norm += weight * weight;
  if (norm > 0) {
    norm = 1.0f / std::sqrt(norm);
    for (auto& entry : row) entry.second *= norm;
  }
}

// The text's TF-IDF row times the basis, without the row's normalization (the caller
// normalizes the result, which makes it irrelevant). Every occurrence is first counted once
// (linear term frequency): a cached word adds its precomputed row, other words and the pairs
// add a row per feature. Features that occur t > 1 times are then corrected to the sublinear
// 1 + ln t, so the result is exactly the TF-IDF projection.
void LexicalEmbedder::project(std::string_view text, TextFeatures& scratch, RepeatCounter& repeats,
                              std::vector<HashedFeature>& repeated, float* out) const {
  extract_features(text, options_.features, scratch);
  auto dims = static_cast<std::size_t>(components_.cols());
  auto add_occurrence = [&](uint64_t hash, float times) {
    int32_t column = column_of(hash);
    if (column >= 0) add_scaled_row(out, components_.row(column).data(), times * feature_weight(hash, column), dims);
  };
  std::size_t begin = 0;
  for (std::size_t w = 0; w < scratch.words.size(); ++w) {
    std::size_t end = scratch.word_end[w];
    if (const float* cached = word_cache_.find(scratch.word_keys[w])) {
      add_scaled_row(out, cached, 1.0f, dims);
    } else {
      for (std::size_t o = begin; o < end; ++o) add_occurrence(scratch.occurrences[o], 1.0f);
    }
    begin = end;
  }
  for (std::size_t o = begin; o < scratch.occurrences.size(); ++o) add_occurrence(scratch.occurrences[o], 1.0f);
  repeats.count(scratch.occurrences, repeated);
  for (const auto& feature : repeated) add_occurrence(feature.hash, 1.0f + std::log(feature.count) - feature.count);
}

void LexicalEmbedder::cache_frequent_words(std::span<const std::string> texts, const std::vector<std::size_t>& sample) {
  struct Seen {
    uint32_t count = 0;
    std::string word;
  };
  std::unordered_map<uint64_t, Seen> seen;
  TextFeatures scratch;
  for (auto i : sample) {
    extract_features(texts[i], options_.features, scratch);
    for (std::size_t w = 0; w < scratch.words.size(); ++w) {
      auto& entry = seen[scratch.word_keys[w]];
      if (entry.count++ == 0) entry.word = scratch.words[w];
    }
  }
  std::vector<std::pair<uint32_t, uint64_t>> frequent;  // (count, key)
  for (const auto& [key, entry] : seen) {
    if (entry.count >= 2) frequent.emplace_back(entry.count, key);
  }
  std::sort(frequent.begin(), frequent.end(), std::greater<>());
  frequent.resize(std::min(frequent.size(), options_.cached_words));

  // A word's cached row is what project() would add for it: each of its own features (the word
  // and its character n-grams) once per occurrence inside the word.
  std::vector<uint64_t> keys(frequent.size());
  RowMatrix vectors = RowMatrix::Zero(static_cast<Eigen::Index>(frequent.size()), components_.cols());
  auto dims = static_cast<std::size_t>(components_.cols());
  parallel_rows(frequent.size(), options_.threads, [&](std::size_t begin, std::size_t end, unsigned) {
    TextFeatures word_features;
    for (std::size_t i = begin; i < end; ++i) {
      keys[i] = frequent[i].second;
      extract_features(seen.at(keys[i]).word, options_.features, word_features);
      float* out = vectors.row(static_cast<Eigen::Index>(i)).data();
      std::size_t own_end = word_features.word_end.empty() ? 0 : word_features.word_end[0];
      for (std::size_t o = 0; o < own_end; ++o) {
        uint64_t hash = word_features.occurrences[o];
        int32_t column = column_of(hash);
        if (column >= 0) add_scaled_row(out, components_.row(column).data(), feature_weight(hash, column), dims);
      }
    }
  });
  word_cache_.assign(keys, std::move(vectors));
}

void LexicalEmbedder::fit(std::span<const std::string> texts, const WorkControl& control) {
  auto sample = sample_indices(texts.size(), options_.fit_sample, options_.seed);
  unsigned threads = resolve_threads(options_.threads);
  std::size_t buckets = 1ull << options_.hash_bits;

  // Document frequency per hash bucket, one counter array per thread.
  std::vector<std::vector<uint32_t>> frequency(threads, std::vector<uint32_t>(buckets, 0));
  parallel_rows(sample.size(), threads, [&](std::size_t begin, std::size_t end, unsigned worker) {
    auto& counts = frequency[worker];
    TextFeatures scratch;
    std::vector<std::size_t> seen;
    for (std::size_t i = begin; i < end; ++i) {
      extract_features(texts[sample[i]], options_.features, scratch);
      seen.clear();
      for (uint64_t hash : scratch.occurrences) seen.push_back(bucket_of(hash));
      std::sort(seen.begin(), seen.end());
      std::size_t previous = buckets;
      for (auto bucket : seen) {
        if (bucket != previous) ++counts[bucket];
        previous = bucket;
      }
    }
  });
  for (unsigned worker = 1; worker < threads; ++worker) {
    for (std::size_t b = 0; b < buckets; ++b) frequency[0][b] += frequency[worker][b];
  }
  control.check_cancelled();
  const auto& document_frequency = frequency[0];
  std::vector<uint32_t> kept;
  for (std::size_t b = 0; b < buckets; ++b) {
    if (document_frequency[b] >= static_cast<uint32_t>(options_.min_document_frequency)) kept.push_back(b);
  }
  if (kept.size() > options_.max_features) {
    std::nth_element(kept.begin(), kept.begin() + options_.max_features, kept.end(),
                     [&](uint32_t a, uint32_t b) { return document_frequency[a] > document_frequency[b]; });
    kept.resize(options_.max_features);
    std::sort(kept.begin(), kept.end());
  }
  column_of_bucket_.assign(buckets, -1);
  idf_.resize(kept.size());
  double documents = static_cast<double>(sample.size());
  for (std::size_t column = 0; column < kept.size(); ++column) {
    column_of_bucket_[kept[column]] = static_cast<int32_t>(column);
    // Smoothed idf, as scikit-learn's TfidfVectorizer(smooth_idf=True), raised to idf_power.
    double idf = std::log((1 + documents) / (1 + document_frequency[kept[column]])) + 1;
    idf_[column] = static_cast<float>(std::pow(idf, options_.idf_power));
  }
  frequency.clear();

  // The TF-IDF matrix of the sample, then its truncated SVD basis.
  std::vector<std::vector<std::pair<uint32_t, float>>> rows(sample.size());
  parallel_rows(sample.size(), threads, [&](std::size_t begin, std::size_t end, unsigned) {
    TextFeatures scratch;
    std::vector<HashedFeature> merged;
    for (std::size_t i = begin; i < end; ++i) tfidf_row(texts[sample[i]], scratch, merged, rows[i]);
  });
  SparseRows matrix;
  matrix.rows = rows.size();
  matrix.cols = kept.size();
  for (auto& row : rows) {
    for (auto& [column, weight] : row) {
      matrix.col.push_back(column);
      matrix.value.push_back(weight);
    }
    matrix.row_start.push_back(matrix.col.size());
    row = {};
  }
  control.report(0.2, "vocabulary");
  // A basis wider than a quarter of the texts is mostly noise directions (60 texts cannot
  // span 192 topics), which half-whitening would then amplify; small sets get fewer dimensions.
  int dimensions = std::min(options_.dimensions, std::max(2, static_cast<int>(sample.size() / 4)));
  SvdOptions svd{dimensions, 10, 2, threads, options_.seed, options_.singular_value_power};
  WorkControl svd_control{[&](double fraction, std::string_view phase) {
                            control.report(0.2 + 0.75 * fraction, phase);
                          },
                          control.cancel};
  components_ = randomized_right_singular_vectors(matrix, svd, svd_control);
  cache_frequent_words(texts, sample);
  control.report(1.0, "frequent words");
}

RowMatrix LexicalEmbedder::embed(std::span<const std::string> texts, const WorkControl& control) const {
  RowMatrix vectors = RowMatrix::Zero(static_cast<Eigen::Index>(texts.size()), components_.cols());
  if (components_.cols() == 0) return vectors;
  parallel_rows(texts.size(), options_.threads, [&](std::size_t begin, std::size_t end, unsigned) {
    TextFeatures scratch;
    RepeatCounter repeats;
    std::vector<HashedFeature> repeated;
    for (std::size_t i = begin; i < end; ++i) {
      if ((i & 4095) == 0) control.check_cancelled();
      auto out = vectors.row(static_cast<Eigen::Index>(i));
      project(texts[i], scratch, repeats, repeated, out.data());
      float norm = out.norm();
      if (norm > 0) out /= norm;
    }
  });
  return vectors;
}

}  // namespace reinforge::topics
