#include "topics/discovery.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "topics/parallel_rows.hpp"
#include "topics/spherical_kmeans.hpp"
#include "topics/topic_labels.hpp"

namespace reinforge::topics {

LexicalEmbedderOptions default_lexical_options() {
  LexicalEmbedderOptions options;
  // Measured on CLINC150 (docs/topics.md): 192 dimensions and half-whitened coordinates beat
  // plain 128-dimensional LSA by about 2 NMI points against the 150 intents.
  options.dimensions = 192;
  options.singular_value_power = 0.5f;
  // The basis settles well before 50,000 texts: on bench/topics' CLINC texts 10,000 gave the
  // same NMI against the intents as 20,000 (slightly better) at half the fitting time, and it
  // changes nothing on sets smaller than that (the CLINC quality tests).
  options.fit_sample = 10000;
  return options;
}

namespace {

RowMatrix smooth_with_neighbours(const RowMatrix& vectors, int neighbours, unsigned threads) {
  RowMatrix smoothed = vectors;
  constexpr Eigen::Index block = 512;
  std::size_t blocks = static_cast<std::size_t>((vectors.rows() + block - 1) / block);
  parallel_rows(blocks, threads, [&](std::size_t begin, std::size_t end, unsigned) {
    std::vector<std::pair<float, Eigen::Index>> ranked;
    for (std::size_t b = begin; b < end; ++b) {
      Eigen::Index first = static_cast<Eigen::Index>(b) * block;
      Eigen::Index count = std::min(block, vectors.rows() - first);
      RowMatrix similarity = vectors.middleRows(first, count) * vectors.transpose();
      for (Eigen::Index r = 0; r < count; ++r) {
        if (vectors.row(first + r).squaredNorm() == 0) continue;
        ranked.clear();
        for (Eigen::Index j = 0; j < vectors.rows(); ++j) {
          if (j != first + r) ranked.emplace_back(similarity(r, j), j);
        }
        auto take = std::min<std::size_t>(neighbours, ranked.size());
        std::partial_sort(ranked.begin(), ranked.begin() + take, ranked.end(),
                          [](const auto& a, const auto& c) { return a.first > c.first; });
        Eigen::RowVectorXf mean = Eigen::RowVectorXf::Zero(vectors.cols());
        for (std::size_t t = 0; t < take; ++t) mean += vectors.row(ranked[t].second);
        if (take) mean /= static_cast<float>(take);
        smoothed.row(first + r) = (vectors.row(first + r) + mean).normalized();
      }
    }
  });
  return smoothed;
}

RowMatrix rows_of(const RowMatrix& vectors, const std::vector<std::size_t>& rows) {
  RowMatrix subset(static_cast<Eigen::Index>(rows.size()), vectors.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) subset.row(static_cast<Eigen::Index>(i)) = vectors.row(rows[i]);
  return subset;
}

// k-means restarts on a sample, then a few full Lloyd passes over every row: on 100,000
// records this keeps the restarts' benefit at a fraction of their cost (bench/topics).
KMeansResult cluster_on_sample(const RowMatrix& vectors, const KMeansOptions& options, std::size_t sample_size,
                               int full_passes, const WorkControl& control) {
  auto rows = static_cast<std::size_t>(vectors.rows());
  if (rows <= sample_size) return spherical_kmeans(vectors, options, control);
  std::vector<std::size_t> sample(rows);
  std::iota(sample.begin(), sample.end(), 0);
  std::mt19937_64 random(options.seed);
  std::shuffle(sample.begin(), sample.end(), random);
  sample.resize(sample_size);
  auto result = spherical_kmeans(rows_of(vectors, sample), options, control);
  std::vector<float> similarities;
  for (int pass = 0; pass < full_passes; ++pass) {
    control.check_cancelled();
    nearest_centroids(vectors, result.centroids, options.threads, result.labels, similarities);
    RowMatrix sums = RowMatrix::Zero(result.centroids.rows(), vectors.cols());
    for (std::size_t i = 0; i < rows; ++i) {
      if (result.labels[i] >= 0) sums.row(result.labels[i]) += vectors.row(static_cast<Eigen::Index>(i));
    }
    for (Eigen::Index c = 0; c < sums.rows(); ++c) {
      if (sums.row(c).squaredNorm() > 0) result.centroids.row(c) = sums.row(c).normalized();
    }
  }
  nearest_centroids(vectors, result.centroids, options.threads, result.labels, similarities);
  result.total_similarity = 0;
  for (float similarity : similarities) result.total_similarity += similarity;
  return result;
}

// The texts nearest to a centroid: shown to the user and used as the topic's examples.
std::vector<std::string> representative_texts(std::span<const std::string> texts, const RowMatrix& vectors,
                                              const std::vector<std::size_t>& members, const Eigen::RowVectorXf& centroid,
                                              std::size_t count) {
  std::vector<std::pair<float, std::size_t>> ranked;
  for (auto row : members) ranked.emplace_back(vectors.row(row).dot(centroid), row);
  auto take = std::min(count, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + take, ranked.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> examples;
  for (std::size_t i = 0; i < take; ++i) {
    auto text = texts[ranked[i].second];
    examples.push_back(text.size() > 300 ? text.substr(0, 300) : text);
  }
  return examples;
}

// A topic named by its keywords; the most typical requests become its examples, and more of
// them are kept for an LLM that may name it better.
Topic labelled_topic(std::string id, const ClusterKeywords& keywords, std::vector<std::string> typical,
                     const DiscoveryOptions& options, DiscoveryResult& result) {
  Topic topic;
  topic.id = std::move(id);
  topic.name = keywords.name;
  topic.keywords = keywords.keywords;
  topic.description = "Requests mentioning " + keywords.name + " (found by clustering).";
  topic.examples.assign(typical.begin(), typical.begin() + static_cast<std::ptrdiff_t>(
                                                           std::min(options.examples_per_topic, typical.size())));
  typical.resize(std::min(options.labelling_examples, typical.size()));
  result.labelling_examples[topic.id] = std::move(typical);
  return topic;
}

}  // namespace

DiscoveryResult discover_topics(std::span<const std::string> texts, Embedder& embedder,
                                const DiscoveryOptions& options, const WorkControl& control) {
  embedder.fit(texts, control.part(0.0, 0.35));
  RowMatrix vectors = embedder.embed(texts, control.part(0.35, 0.45));
  RowMatrix clustered = vectors;
  if (options.neighbour_smoothing > 0 && static_cast<std::size_t>(vectors.rows()) <= options.smoothing_max_records) {
    clustered = smooth_with_neighbours(vectors, options.neighbour_smoothing, options.threads);
  }
  control.check_cancelled();

  DiscoveryResult result;
  int k = options.topics.value_or(0);
  if (!options.topics) {
    // About sqrt(n / 2) topics at most, the usual rule of thumb: 300 records make a dozen topics
    // of ~25 records rather than 30 of ten, which no coverage target could be met for.
    int by_size = static_cast<int>(std::sqrt(static_cast<double>(texts.size()) / 2));
    int most = std::min(options.max_topics, std::max(options.min_topics, by_size));
    ClusterCountOptions counting{options.min_topics, most, 3000, 3, options.threads, options.seed};
    result.count_choice = choose_cluster_count(clustered, counting, control.part(0.45, 0.6));
    k = result.count_choice.clusters;
  }
  KMeansOptions kmeans{std::max(1, k), options.restarts, 40, options.threads, options.seed};
  auto top =
      cluster_on_sample(clustered, kmeans, options.clustering_sample, 3, control.part(0.6, 0.85));
  k = static_cast<int>(top.centroids.rows());

  std::vector<const std::string*> text_pointers;
  for (const auto& text : texts) text_pointers.push_back(&text);
  auto labels = cluster_keywords(text_pointers, top.labels, k);
  std::vector<std::vector<std::size_t>> members(k);
  for (std::size_t i = 0; i < top.labels.size(); ++i) {
    if (top.labels[i] >= 0) members[top.labels[i]].push_back(i);
  }

  // Leaves: their centroids decide each record's final topic and confidence.
  std::vector<std::string> leaf_ids;
  std::vector<Eigen::RowVectorXf> leaf_centroids;
  std::vector<int> leaf_parent;
  bool split_large = options.subtopics && !options.topics;
  std::size_t typical_count = std::max(options.examples_per_topic, options.labelling_examples);
  for (int c = 0; c < k; ++c) {
    Topic topic = labelled_topic("t" + std::to_string(c + 1), labels[c],
                                 representative_texts(texts, vectors, members[c], top.centroids.row(c), typical_count),
                                 options, result);
    std::size_t size = members[c].size();
    if (split_large && size >= options.subtopic_min_records && size * 5 >= texts.size()) {
      control.check_cancelled();
      RowMatrix inside = rows_of(clustered, members[c]);
      ClusterCountOptions counting{2, 6, 2000, 3, options.threads, options.seed + c};
      auto choice = choose_cluster_count(inside, counting);
      if (choice.silhouette >= options.subtopic_min_silhouette) {
        KMeansOptions sub{choice.clusters, options.restarts, 40, options.threads, options.seed + c};
        auto parts = cluster_on_sample(inside, sub, options.clustering_sample, 3, {});
        std::vector<const std::string*> member_texts;
        for (auto row : members[c]) member_texts.push_back(&texts[row]);
        auto sub_labels = cluster_keywords(member_texts, parts.labels, choice.clusters);
        for (int s = 0; s < static_cast<int>(parts.centroids.rows()); ++s) {
          std::vector<std::size_t> sub_members;
          for (std::size_t i = 0; i < parts.labels.size(); ++i) {
            if (parts.labels[i] == s) sub_members.push_back(members[c][i]);
          }
          topic.children.push_back(labelled_topic(
              topic.id + "." + std::to_string(s + 1), sub_labels[s],
              representative_texts(texts, vectors, sub_members, parts.centroids.row(s), typical_count), options, result));
          leaf_ids.push_back(topic.children.back().id);
          leaf_centroids.push_back(parts.centroids.row(s));
          leaf_parent.push_back(c);
        }
      }
    }
    if (topic.children.empty()) {
      leaf_ids.push_back(topic.id);
      leaf_centroids.push_back(top.centroids.row(c));
      leaf_parent.push_back(c);
    }
    result.topics.topics.push_back(std::move(topic));
  }

  RowMatrix centroids(static_cast<Eigen::Index>(leaf_centroids.size()), clustered.cols());
  for (std::size_t l = 0; l < leaf_centroids.size(); ++l) centroids.row(static_cast<Eigen::Index>(l)) = leaf_centroids[l];
  std::size_t n = texts.size();
  result.topic_of_record.assign(n, "");
  result.top_level_of_record.assign(n, -1);
  result.confidence.assign(n, 0.0f);
  parallel_rows(n, options.threads, [&](std::size_t begin, std::size_t end, unsigned) {
    Eigen::VectorXf similarity;
    for (std::size_t i = begin; i < end; ++i) {
      if (top.labels[i] < 0) continue;
      similarity.noalias() = centroids * clustered.row(static_cast<Eigen::Index>(i)).transpose();
      Eigen::Index best;
      similarity.maxCoeff(&best);
      // A record keeps its top-level cluster; among that cluster's leaves the nearest wins.
      if (leaf_parent[best] != top.labels[i]) {
        float best_value = -2;
        for (Eigen::Index l = 0; l < similarity.size(); ++l) {
          if (leaf_parent[l] == top.labels[i] && similarity(l) > best_value) {
            best_value = similarity(l);
            best = l;
          }
        }
      }
      result.topic_of_record[i] = leaf_ids[best];
      result.top_level_of_record[i] = top.labels[i];
      result.confidence[i] = topic_probability(std::span<const float>(similarity.data(), similarity.size()),
                                               static_cast<std::size_t>(best), options.confidence_temperature);
    }
  });
  for (std::size_t i = 0; i < n; ++i) {
    if (result.top_level_of_record[i] < 0) continue;
    ++result.records_per_topic[result.topic_of_record[i]];
    const auto& parent = result.topics.topics[result.top_level_of_record[i]];
    if (!parent.children.empty()) ++result.records_per_topic[parent.id];
  }
  control.report(1.0, "done");
  return result;
}

}  // namespace reinforge::topics
