#pragma once
// Topic discovery and categorization of a stored dataset, as jobs (PRODUCT.md §4): read the
// valid records from the store, run topics/ on their user text, write topics and assignments
// back. Discovery categorizes the records it clustered; categorization keeps a person's
// assignments.
#include <cstdint>
#include <optional>

#include "jobs/job_runner.hpp"

namespace reinforge::steps {

inline constexpr const char* kDiscoverTopicsJob = "discover_topics";
inline constexpr const char* kCategorizeJob = "categorize";

void register_topic_jobs(jobs::JobRunner& runner);

// `topic_count`: none chooses the number of topics automatically.
store::Job submit_discover_topics(jobs::JobRunner& runner, int64_t dataset_id,
                                  std::optional<int> topic_count);
// `unlabeled_only`: only records without a topic (after an import).
store::Job submit_categorize(jobs::JobRunner& runner, int64_t dataset_id, bool unlabeled_only);

}  // namespace reinforge::steps
