#include "topics/lexical_embedder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "topics/parallel_rows.hpp"
#include "topics/randomized_svd.hpp"

namespace reinforge::topics {

LexicalEmbedder::LexicalEmbedder(LexicalEmbedderOptions options) : options_(options) {}

std::size_t LexicalEmbedder::bucket_of(uint64_t hash) const {
  return static_cast<std::size_t>((hash ^ (hash >> 29)) & ((1ull << options_.hash_bits) - 1));
}

float LexicalEmbedder::kind_weight(uint64_t hash) const {
  switch (kind_of(hash)) {
    case FeatureKind::word: return options_.features.word_weight;
    case FeatureKind::word_pair: return options_.features.pair_weight;
    default: return options_.features.char_weight;
  }
}

void LexicalEmbedder::tfidf_row(const std::string& text, std::vector<std::pair<uint32_t, float>>& row) const {
  row.clear();
  for (const auto& feature : hashed_features(text, options_.features)) {
    int32_t column = column_of_bucket_[bucket_of(feature.hash)];
    if (column < 0) continue;
    row.emplace_back(static_cast<uint32_t>(column),
                     (1.0f + std::log(feature.count)) * idf_[column] * kind_weight(feature.hash));
  }
  float norm = 0;
  for (auto& [column, weight] : row) norm += weight * weight;
  if (norm > 0) {
    norm = 1.0f / std::sqrt(norm);
    for (auto& entry : row) entry.second *= norm;
  }
}

void LexicalEmbedder::fit(std::span<const std::string> texts, const WorkControl& control) {
  std::vector<std::size_t> sample(texts.size());
  std::iota(sample.begin(), sample.end(), 0);
  if (sample.size() > options_.fit_sample) {
    std::mt19937_64 random(options_.seed);
    std::shuffle(sample.begin(), sample.end(), random);
    sample.resize(options_.fit_sample);
    std::sort(sample.begin(), sample.end());
  }
  unsigned threads = resolve_threads(options_.threads);
  std::size_t buckets = 1ull << options_.hash_bits;

  // Document frequency per hash bucket, one counter array per thread.
  std::vector<std::vector<uint32_t>> frequency(threads, std::vector<uint32_t>(buckets, 0));
  parallel_rows(sample.size(), threads, [&](std::size_t begin, std::size_t end, unsigned worker) {
    auto& counts = frequency[worker];
    for (std::size_t i = begin; i < end; ++i) {
      std::size_t previous = buckets;
      auto features = hashed_features(texts[sample[i]], options_.features);
      std::vector<std::size_t> seen;
      seen.reserve(features.size());
      for (const auto& feature : features) seen.push_back(bucket_of(feature.hash));
      std::sort(seen.begin(), seen.end());
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
    // Smoothed idf, as scikit-learn's TfidfVectorizer(smooth_idf=True).
    idf_[column] = static_cast<float>(std::log((1 + documents) / (1 + document_frequency[kept[column]])) + 1);
  }
  frequency.clear();

  // The TF-IDF matrix of the sample, then its truncated SVD basis.
  std::vector<std::vector<std::pair<uint32_t, float>>> rows(sample.size());
  parallel_rows(sample.size(), threads, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t i = begin; i < end; ++i) tfidf_row(texts[sample[i]], rows[i]);
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
                            control.report(0.2 + 0.8 * fraction, phase);
                          },
                          control.cancel};
  components_ = randomized_right_singular_vectors(matrix, svd, svd_control);
}

RowMatrix LexicalEmbedder::embed(std::span<const std::string> texts, const WorkControl& control) const {
  RowMatrix vectors = RowMatrix::Zero(static_cast<Eigen::Index>(texts.size()), components_.cols());
  if (components_.cols() == 0) return vectors;
  parallel_rows(texts.size(), options_.threads, [&](std::size_t begin, std::size_t end, unsigned) {
    std::vector<std::pair<uint32_t, float>> row;
    for (std::size_t i = begin; i < end; ++i) {
      if ((i & 4095) == 0) control.check_cancelled();
      tfidf_row(texts[i], row);
      auto out = vectors.row(static_cast<Eigen::Index>(i));
      for (auto& [column, weight] : row) out.noalias() += weight * components_.row(column);
      float norm = out.norm();
      if (norm > 0) out /= norm;
    }
  });
  return vectors;
}

}  // namespace reinforge::topics
