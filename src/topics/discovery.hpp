#pragma once
// Auto-generate (PRODUCT.md §4): embed the records' user text, cluster it, split large
// clusters into sub-topics, and name every topic by its most distinctive words.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "topics/cluster_count.hpp"
#include "topics/confidence.hpp"
#include "topics/embedder.hpp"
#include "topics/lexical_embedder.hpp"
#include "topics/topic_set.hpp"

namespace reinforge::topics {

struct DiscoveryOptions {
  std::optional<int> topics;  // none: chosen by silhouette between min_topics and max_topics
  int min_topics = 3;
  int max_topics = 30;
  bool subtopics = true;  // only when the number of topics is chosen automatically
  std::size_t subtopic_min_records = 200;  // a topic this large and ≥ 20% of the data is split
  double subtopic_min_silhouette = 0.05;   // ... when its parts are actually apart
  int restarts = 5;
  // Restarts run on this many records, then every record joins in a few full passes.
  std::size_t clustering_sample = 20000;
  // Each vector moves towards the mean of its nearest neighbours before clustering, which
  // steadies short texts (+2 to 3 NMI points on CLINC150); exact, so only on smaller sets.
  int neighbour_smoothing = 5;
  std::size_t smoothing_max_records = 12000;
  float confidence_temperature = default_confidence_temperature;
  std::size_t examples_per_topic = 3;    // kept in the topic set
  std::size_t labelling_examples = 10;   // given to an LLM that names the topics
  unsigned threads = 0;
  uint64_t seed = 7;
};

struct DiscoveryResult {
  TopicSet topics;
  // Per input text: the leaf topic's id ("" when the text has no usable words), the index of
  // its top-level topic (-1 likewise) and the confidence.
  std::vector<std::string> topic_of_record;
  std::vector<int> top_level_of_record;
  std::vector<float> confidence;
  std::map<std::string, std::size_t> records_per_topic;  // every topic, parents included
  ClusterCountChoice count_choice;  // scores when the count was chosen automatically
  // Per topic id (parents included): its most typical requests, nearest its centroid first.
  std::map<std::string, std::vector<std::string>> labelling_examples;
};

// `texts` are the valid records' user texts. The embedder is fitted on them.
DiscoveryResult discover_topics(std::span<const std::string> texts, Embedder& embedder,
                                const DiscoveryOptions& options, const WorkControl& control = {});

// The default embedder settings discovery and categorization were tuned with.
LexicalEmbedderOptions default_lexical_options();

}  // namespace reinforge::topics
