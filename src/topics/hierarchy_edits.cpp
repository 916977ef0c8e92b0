#include "topics/hierarchy_edits.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "topics/cluster_count.hpp"
#include "topics/confidence.hpp"
#include "topics/spherical_kmeans.hpp"
#include "topics/topic_labels.hpp"
#include "topics/topic_set_json.hpp"

namespace reinforge::topics {

namespace {

constexpr std::size_t kExamplesPerPart = 3;
constexpr std::size_t kExampleChars = 300;

// The edited set must still be a valid document (names unique among siblings, at every
// level): the same check an upload of the hierarchy gets.
void check_still_valid(const TopicSet& set) { topic_set_from_json(topic_set_to_json(set)); }

std::vector<std::string> examples_nearest(std::span<const std::string> texts, const RowMatrix& vectors,
                                          const std::vector<int>& labels, int part, const Eigen::RowVectorXf& centroid) {
  std::vector<std::pair<float, std::size_t>> ranked;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == part && vectors.row(static_cast<Eigen::Index>(i)).squaredNorm() > 0) {
      ranked.emplace_back(vectors.row(static_cast<Eigen::Index>(i)).dot(centroid), i);
    }
  }
  auto take = std::min(kExamplesPerPart, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(take), ranked.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> examples;
  for (std::size_t i = 0; i < take; ++i) examples.push_back(texts[ranked[i].second].substr(0, kExampleChars));
  return examples;
}

}  // namespace

MergeOutcome merge_into(TopicSet& set, const MergeRequest& request) {
  if (request.topics.size() < 2) throw TopicSetError("merging needs at least two topics");
  for (const auto& id : request.topics) {
    if (!find_topic(set, id)) throw TopicSetError("no topic with id '" + id + "'");
  }
  if (std::find(request.topics.begin(), request.topics.end(), request.into) == request.topics.end()) {
    throw TopicSetError("'into' (" + request.into + ") must be one of the merged topics");
  }
  std::size_t with_children = 0;
  for (const auto& id : request.topics) with_children += find_topic(set, id)->children.empty() ? 0 : 1;
  if (with_children != 0 && with_children != request.topics.size()) {
    throw TopicSetError(
        "some of these topics have sub-topics and some do not; merge topics of one kind (delete or merge the "
        "sub-topics first)");
  }

  MergeOutcome outcome{request.into, {}};
  if (with_children == 0) {
    for (const auto& id : request.topics) {
      if (id != request.into) outcome.moved_from.push_back(id);
    }
  }
  std::vector<std::string> ordered = {request.into};
  for (const auto& id : request.topics) {
    if (id != request.into) ordered.push_back(id);
  }
  TopicSet edited = set;
  merge_topics(edited, ordered, request.name.value_or(find_topic(set, request.into)->name));
  check_still_valid(edited);
  set = std::move(edited);
  return outcome;
}

std::size_t min_texts_to_split(std::optional<int> parts) { return 2 * static_cast<std::size_t>(parts.value_or(2)); }

TopicSplit cluster_topic_texts(std::span<const std::string> texts, Embedder& embedder, const SplitOptions& options,
                               const WorkControl& control) {
  if (options.parts && (*options.parts < 2 || *options.parts > options.max_parts)) {
    throw TopicSetError("a topic splits into 2 to " + std::to_string(options.max_parts) + " parts");
  }
  if (texts.size() < min_texts_to_split(options.parts)) {
    throw TopicSetError("this topic has " + std::to_string(texts.size()) + " records with text; splitting it into " +
                        std::to_string(options.parts.value_or(2)) + " parts needs at least " +
                        std::to_string(min_texts_to_split(options.parts)));
  }
  embedder.fit(texts, control.part(0.0, 0.4));
  RowMatrix vectors = embedder.embed(texts, control.part(0.4, 0.5));
  std::size_t usable = 0;
  for (Eigen::Index row = 0; row < vectors.rows(); ++row) usable += vectors.row(row).squaredNorm() > 0 ? 1 : 0;
  if (usable < min_texts_to_split(options.parts)) {
    throw TopicSetError("too few of this topic's records have words in common to split it");
  }

  int parts = options.parts.value_or(0);
  TopicSplit split;
  if (!options.parts) {
    ClusterCountOptions counting{2, std::min<int>(options.max_parts, static_cast<int>(usable / 2)), 3000, 3,
                                 options.threads, options.seed};
    auto choice = choose_cluster_count(vectors, counting, control.part(0.5, 0.7));
    parts = std::max(2, choice.clusters);
  }
  KMeansOptions kmeans{parts, options.restarts, 40, options.threads, options.seed};
  auto clusters = spherical_kmeans(vectors, kmeans, control.part(0.7, 0.9));

  // Parts that ended up empty are dropped; the rest are renumbered in order.
  std::vector<std::size_t> sizes(static_cast<std::size_t>(clusters.centroids.rows()), 0);
  for (int label : clusters.labels) {
    if (label >= 0) ++sizes[static_cast<std::size_t>(label)];
  }
  std::vector<int> kept_index(sizes.size(), -1);
  std::vector<Eigen::Index> kept_rows;
  for (std::size_t c = 0; c < sizes.size(); ++c) {
    if (sizes[c] == 0) continue;
    kept_index[c] = static_cast<int>(kept_rows.size());
    kept_rows.push_back(static_cast<Eigen::Index>(c));
  }
  if (kept_rows.size() < 2) throw TopicSetError("this topic's records are too alike to split");
  RowMatrix centroids(static_cast<Eigen::Index>(kept_rows.size()), vectors.cols());
  for (std::size_t k = 0; k < kept_rows.size(); ++k) centroids.row(static_cast<Eigen::Index>(k)) = clusters.centroids.row(kept_rows[k]);

  std::vector<int> labels(texts.size(), -1);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (clusters.labels[i] >= 0) labels[i] = kept_index[static_cast<std::size_t>(clusters.labels[i])];
  }
  std::vector<std::size_t> records(kept_rows.size(), 0);
  for (int label : labels) {
    if (label >= 0) ++records[static_cast<std::size_t>(label)];
  }
  int largest = static_cast<int>(std::max_element(records.begin(), records.end()) - records.begin());
  split.confidence.assign(texts.size(), 0.0f);
  Eigen::VectorXf similarity;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    similarity.noalias() = centroids * vectors.row(static_cast<Eigen::Index>(i)).transpose();
    if (labels[i] < 0) {
      labels[i] = largest;  // no usable words: every part is as near, so the tie's probability
      ++records[static_cast<std::size_t>(largest)];
    }
    split.confidence[i] = topic_probability(std::span<const float>(similarity.data(), static_cast<std::size_t>(similarity.size())),
                                            static_cast<std::size_t>(labels[i]));
  }
  std::vector<const std::string*> text_pointers;
  for (const auto& text : texts) text_pointers.push_back(&text);
  auto keywords = cluster_keywords(text_pointers, labels, static_cast<int>(kept_rows.size()));
  for (std::size_t k = 0; k < kept_rows.size(); ++k) {
    NewTopic part;
    part.name = keywords[k].name;
    part.keywords = keywords[k].keywords;
    part.description = "Requests mentioning " + keywords[k].name + " (found by splitting).";
    split.parts.push_back(std::move(part));
    split.examples.push_back(examples_nearest(texts, vectors, labels, static_cast<int>(k), centroids.row(static_cast<Eigen::Index>(k))));
  }
  split.records_per_part = records;
  split.part_of_text = std::move(labels);
  control.report(1.0, "done");
  return split;
}

std::vector<std::string> attach_split(TopicSet& set, const std::string& topic_id, const TopicSplit& split) {
  std::vector<NewTopic> parts = split.parts;
  std::set<std::string> names;
  for (auto& part : parts) {
    std::string base = part.name;
    for (int n = 2; !names.insert(part.name).second; ++n) part.name = base + " (" + std::to_string(n) + ")";
  }
  // Only leaves' targets count (coverage/), so the topic's target is shared equally by its parts.
  const Topic* topic = find_topic(set, topic_id);
  if (!topic) throw TopicSetError("no topic with id '" + topic_id + "'");
  if (topic->target_share) {
    for (auto& part : parts) part.target_share = *topic->target_share / static_cast<double>(parts.size());
  }
  TopicSet edited = set;
  auto ids = split_topic(edited, topic_id, parts);
  find_topic(edited, topic_id)->target_share.reset();
  for (std::size_t k = 0; k < ids.size(); ++k) find_topic(edited, ids[k])->examples = split.examples[k];
  check_still_valid(edited);
  set = std::move(edited);
  return ids;
}

}  // namespace reinforge::topics
