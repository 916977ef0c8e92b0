#include "topics/categorizer.hpp"

#include <algorithm>
#include <numeric>
#include <random>

#include "topics/parallel_rows.hpp"
#include "topics/spherical_kmeans.hpp"

namespace reinforge::topics {

std::string topic_match_text(const Topic& topic) {
  // The name and keywords are the user's strongest signal, so they count twice.
  std::string text = topic.name + "\n" + topic.name + "\n" + topic.description;
  for (int repeat = 0; repeat < 2; ++repeat) {
    for (const auto& keyword : topic.keywords) text += "\n" + keyword;
  }
  for (const auto& example : topic.examples) text += "\n" + example;
  return text;
}

namespace {

RowMatrix seed_vectors(const std::vector<const Topic*>& leaves, const Embedder& embedder, const WorkControl& control) {
  std::vector<std::string> texts;
  for (const auto* leaf : leaves) texts.push_back(topic_match_text(*leaf));
  return embedder.embed(texts, control);
}

}  // namespace

Categorization categorize_records(std::span<const std::string> texts, const TopicSet& topics, Embedder& embedder,
                                  const CategorizeOptions& options, const WorkControl& control) {
  Categorization result;
  auto leaves = leaf_topics(topics);
  for (const auto* leaf : leaves) result.leaf_ids.push_back(leaf->id);
  result.assignments.assign(texts.size(), {});
  if (leaves.empty() || texts.empty()) return result;

  // Refine on a sample: each topic moves to the normalized sum of its seed and the mean of the
  // records nearest to it, which adapts hand-written descriptions to how users actually ask.
  std::vector<std::size_t> sample(texts.size());
  std::iota(sample.begin(), sample.end(), 0);
  bool sample_is_everything = sample.size() <= options.refinement_sample;
  if (!sample_is_everything) {
    std::mt19937_64 random(options.seed);
    std::shuffle(sample.begin(), sample.end(), random);
    sample.resize(options.refinement_sample);
  }
  std::vector<std::string> sample_texts;
  for (auto i : sample) sample_texts.push_back(texts[i]);
  // The embedder learns from the sample and the topics' own text; copying a million texts
  // to fit on them all would cost memory and time for a basis that is already settled.
  for (const auto* leaf : leaves) sample_texts.push_back(topic_match_text(*leaf));
  embedder.fit(sample_texts, control.part(0, 0.3));
  sample_texts.resize(sample.size());
  RowMatrix seeds = seed_vectors(leaves, embedder, control.part(0.3, 0.3));
  RowMatrix sample_vectors = embedder.embed(sample_texts, control.part(0.3, 0.45));
  sample_texts = {};
  RowMatrix centroids = seeds;
  std::vector<int> labels;
  std::vector<float> similarities;
  for (int round = 0; round < options.refinement_rounds; ++round) {
    control.check_cancelled();
    nearest_centroids(sample_vectors, centroids, options.threads, labels, similarities);
    RowMatrix sums = RowMatrix::Zero(centroids.rows(), centroids.cols());
    std::vector<int> sizes(centroids.rows(), 0);
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (labels[i] < 0) continue;
      sums.row(labels[i]) += sample_vectors.row(static_cast<Eigen::Index>(i));
      ++sizes[labels[i]];
    }
    for (Eigen::Index c = 0; c < centroids.rows(); ++c) {
      Eigen::RowVectorXf moved = options.seed_weight * seeds.row(c);
      if (sizes[c]) moved += sums.row(c) / static_cast<float>(sizes[c]);
      if (moved.squaredNorm() > 0) centroids.row(c) = moved.normalized();
    }
    control.report(0.45 + 0.05 * (round + 1) / options.refinement_rounds, "refining topics");
  }

  // Similarities of a whole range of records to every topic in one matrix product (the
  // compute-bound form), then each row's best topic and its probability.
  RowMatrix topics_transposed = centroids.transpose();
  auto assign = [&](const RowMatrix& block, std::size_t first) {
    parallel_rows(static_cast<std::size_t>(block.rows()), options.threads, [&](std::size_t begin, std::size_t end, unsigned) {
      constexpr std::size_t chunk = 1024;
      RowMatrix similarity;
      for (std::size_t from = begin; from < end; from += chunk) {
        auto count = static_cast<Eigen::Index>(std::min(chunk, end - from));
        similarity.noalias() = block.middleRows(static_cast<Eigen::Index>(from), count) * topics_transposed;
        for (Eigen::Index r = 0; r < count; ++r) {
          auto row = static_cast<Eigen::Index>(from) + r;
          if (block.row(row).squaredNorm() == 0) continue;
          Eigen::Index best;
          similarity.row(r).maxCoeff(&best);
          result.assignments[first + static_cast<std::size_t>(row)] = {
              static_cast<int>(best),
              topic_probability(std::span<const float>(similarity.row(r).data(), static_cast<std::size_t>(similarity.cols())),
                                static_cast<std::size_t>(best), options.confidence_temperature)};
        }
      }
    });
  };
  // A sample that holds every text (in order) is already embedded: an embedding provider is
  // not asked twice for the same texts.
  if (sample_is_everything) {
    assign(sample_vectors, 0);
    control.report(1.0, "categorizing");
    return result;
  }
  sample_vectors = {};
  // Assign everything in blocks so a million records never sit embedded at once.
  for (std::size_t first = 0; first < texts.size(); first += options.block_size) {
    control.check_cancelled();
    std::size_t count = std::min(options.block_size, texts.size() - first);
    double done = static_cast<double>(first) / texts.size(), next = static_cast<double>(first + count) / texts.size();
    RowMatrix block = embedder.embed(texts.subspan(first, count),
                                     control.part(0.5 + 0.5 * done, 0.5 + 0.5 * next));
    assign(block, first);
    control.report(0.5 + 0.5 * next, "categorizing");
  }
  return result;
}

}  // namespace reinforge::topics
