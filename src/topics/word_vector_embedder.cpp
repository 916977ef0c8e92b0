#include "topics/word_vector_embedder.hpp"

#include <algorithm>
#include <cmath>

#include "topics/parallel_rows.hpp"
#include "topics/sampling.hpp"
#include "topics/text_features.hpp"

namespace reinforge::topics {

namespace {

// The words of `text` to look up: split_words' lowercase words, without the one- or two-letter
// ending after an apostrophe inside a word ("what's" -> "what", "don't" -> "don": the vectors
// have no "'s" or "n't"). A typographic apostrophe (U+2019, what phones type) counts as one.
template <class OnWord>
void for_each_word(const std::string& text, WordScratch& scratch, OnWord&& on_word) {
  lowercase_ascii_into(text, scratch.lowered);
  std::string& lowered = scratch.lowered;
  for (auto at = lowered.find("\xE2\x80\x99"); at != std::string::npos;
       at = lowered.find("\xE2\x80\x99", at + 1))
    lowered.replace(at, 3, "'");
  split_words_into(lowered, scratch.words);
  for (std::string_view word : scratch.words) {
    auto start = static_cast<std::size_t>(word.data() - lowered.data());
    bool ends_a_word = start >= 2 && lowered[start - 1] == '\'' &&
                       is_word_byte(static_cast<unsigned char>(lowered[start - 2]));
    if (ends_a_word && word.size() <= 2) continue;
    on_word(word);
  }
}

}  // namespace

WordVectorEmbedder::WordVectorEmbedder(const WordVectors& vectors,
                                       WordVectorEmbedderOptions options)
    : vectors_(vectors), options_(options) {}

float WordVectorEmbedder::weight_of(uint32_t rank) const {
  // Zipf: the word of rank r (0 the most frequent) has p = 1 / ((r + 1) H), H the harmonic number
  // of GloVe's 400,000-word vocabulary. The rank is the word's place in the converted file
  // (wink's frequency-ordered list without punctuation), within a few places of GloVe's own for
  // the frequent words where the weight changes most.
  constexpr double kHarmonic = 13.476;  // ln(400000) + Euler's gamma
  double share = 1.0 / ((static_cast<double>(rank) + 1.0) * kHarmonic);
  return static_cast<float>(options_.smoothing / (options_.smoothing + share));
}

void WordVectorEmbedder::weighted_word_sum(const std::string& text, WordScratch& scratch,
                                           std::vector<float>& out) const {
  // A sum, not a mean: the caller's normalization makes the count irrelevant.
  std::fill(out.begin(), out.end(), 0.0f);
  for_each_word(text, scratch, [&](std::string_view word) {
    auto vector = vectors_.find(word);
    if (!vector.values) return;
    float scale = weight_of(vector.rank) * vector.scale;
    for (std::size_t d = 0; d < out.size(); ++d)
      out[d] += scale * static_cast<float>(vector.values[d]);
  });
}

void WordVectorEmbedder::fit(std::span<const std::string> texts, const WorkControl& control) {
  first_direction_.clear();
  auto sample = sample_indices(texts.size(), options_.fit_sample, options_.seed);
  if (options_.remove_first_direction && !sample.empty()) {
    control.report(0.0, "pre-trained word vectors");
    first_direction_ = first_direction_of(texts, sample);
  }
  control.report(1.0, "pre-trained word vectors");
}

// The first right singular vector of the sampled texts' vectors (not centred, as SIF does), by
// power iteration on XᵀX. Sums rather than SIF's means, so a longer text counts more here; on the
// labelled sets the two gave the same NMI (docs/topics.md). Empty when every vector is zero.
std::vector<float> WordVectorEmbedder::first_direction_of(
    std::span<const std::string> texts, const std::vector<std::size_t>& sample) const {
  auto dims = static_cast<std::size_t>(vectors_.dimensions());
  RowMatrix sums(static_cast<Eigen::Index>(sample.size()), static_cast<Eigen::Index>(dims));
  parallel_rows(sample.size(), options_.threads, [&](std::size_t begin, std::size_t end, unsigned) {
    std::vector<float> sum(dims);
    WordScratch scratch;
    for (std::size_t i = begin; i < end; ++i) {
      weighted_word_sum(texts[sample[i]], scratch, sum);
      for (std::size_t d = 0; d < dims; ++d)
        sums(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(d)) = sum[d];
    }
  });
  Eigen::MatrixXf gram = sums.transpose() * sums;
  Eigen::VectorXf direction = Eigen::VectorXf::Ones(static_cast<Eigen::Index>(dims)).normalized();
  for (int step = 0; step < 100; ++step) {
    Eigen::VectorXf next = gram * direction;
    if (next.norm() == 0) return {};
    next.normalize();
    bool settled = (next - direction).norm() < 1e-6f;
    direction = next;
    if (settled) break;
  }
  return std::vector<float>(direction.data(), direction.data() + direction.size());
}

RowMatrix WordVectorEmbedder::embed(std::span<const std::string> texts,
                                    const WorkControl& control) const {
  auto dims = static_cast<std::size_t>(vectors_.dimensions());
  RowMatrix rows =
      RowMatrix::Zero(static_cast<Eigen::Index>(texts.size()), static_cast<Eigen::Index>(dims));
  parallel_rows(texts.size(), options_.threads, [&](std::size_t begin, std::size_t end, unsigned) {
    std::vector<float> sum(dims);
    WordScratch scratch;
    for (std::size_t i = begin; i < end; ++i) {
      if ((i & 1023) == 0) control.check_cancelled();
      weighted_word_sum(texts[i], scratch, sum);
      if (!first_direction_.empty()) {
        float along = 0;
        for (std::size_t d = 0; d < dims; ++d) along += sum[d] * first_direction_[d];
        for (std::size_t d = 0; d < dims; ++d) sum[d] -= along * first_direction_[d];
      }
      float norm = 0;
      for (float value : sum) norm += value * value;
      if (norm <= 0) continue;
      norm = 1.0f / std::sqrt(norm);
      for (std::size_t d = 0; d < dims; ++d)
        rows(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(d)) = sum[d] * norm;
    }
  });
  return rows;
}

}  // namespace reinforge::topics
