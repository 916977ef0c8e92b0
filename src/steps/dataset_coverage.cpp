#include "steps/dataset_coverage.hpp"

#include <map>

#include "topics/topic_set_json.hpp"

namespace reinforge::steps {

DatasetCoverage dataset_coverage(store::Store& store, int64_t dataset_id) {
  DatasetCoverage result;
  auto stored = store.get_topics(dataset_id);
  if (stored) {
    result.topic_set = topics::parse_topic_set(stored->topic_set_json);
    result.leaves = topics::leaf_topics(result.topic_set);
    result.has_topics = !result.leaves.empty();
  }
  // Without topics every valid record is uncategorized, and the per-topic scan (a second at a
  // million records) would say nothing more.
  if (!result.has_topics) {
    result.report = coverage::compute_coverage({}, store.count_records(dataset_id).valid);
    return result;
  }
  result.counts = store.count_records_by_topic(dataset_id);
  std::map<std::string, int64_t> per_topic;
  int64_t uncategorized = 0;
  for (const auto& count : result.counts) {
    if (count.topic.empty()) {
      uncategorized += count.count;
    } else {
      per_topic[count.topic] += count.count;
      if (count.band == store::ConfidenceBand::low) result.low_confidence += count.count;
    }
  }
  std::vector<coverage::TopicCount> topic_counts;
  for (const auto* leaf : result.leaves) {
    topic_counts.push_back({leaf->id, per_topic[leaf->id], leaf->target_share});
  }
  result.report = coverage::compute_coverage(topic_counts, uncategorized);
  return result;
}

}  // namespace reinforge::steps
