#pragma once
// Splitting a topic of a stored dataset (PRODUCT.md §4), as the "split_topic" job: cluster the
// topic's records, make the parts its sub-topics, and move each record to its part. The split is
// applied to the hierarchy as it is when the clustering ends, and refused if the topic has
// changed meanwhile (deleted, or given sub-topics).
#include <cstdint>
#include <optional>
#include <string>

#include "jobs/job_runner.hpp"

namespace reinforge::steps {

inline constexpr const char* kSplitTopicJob = "split_topic";

void register_split_topic_job(jobs::JobRunner& runner);

// `parts`: none chooses 2 to 8 by silhouette.
store::Job submit_split_topic(jobs::JobRunner& runner, int64_t dataset_id, const std::string& topic_id,
                              std::optional<int> parts);

}  // namespace reinforge::steps
