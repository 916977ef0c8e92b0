#pragma once
// Topic discovery and categorization of a stored dataset, as jobs (PRODUCT.md §4): read the
// valid records from the store, run topics/ on their user text, write topics and assignments
// back. Discovery categorizes the records it clustered; categorization keeps a person's
// assignments. With the dataset's embedding_model / labeling_model set, the provider's vectors
// and an LLM's names are used, falling back to the offline method (topic_method.hpp).
#include <cstdint>
#include <optional>

#include "jobs/job_runner.hpp"
#include "steps/job_models.hpp"

namespace reinforge::steps {

inline constexpr const char* kDiscoverTopicsJob = "discover_topics";
inline constexpr const char* kCategorizeJob = "categorize";

// `models` resolves the dataset's model settings; it must outlive the runner's workers.
void register_topic_jobs(jobs::JobRunner& runner, const JobModels& models);

// `topic_count`: none chooses the number of topics automatically.
store::Job submit_discover_topics(jobs::JobRunner& runner, int64_t dataset_id,
                                  std::optional<int> topic_count);
// `unlabeled_only`: only records without a topic (after an import).
store::Job submit_categorize(jobs::JobRunner& runner, int64_t dataset_id, bool unlabeled_only);

// The step 2 work that follows an import started with "Create & start": when it runs, topic
// discovery if the dataset has no topics, else categorization of the records without one.
// Discovery started this way ends quietly, without failing, on too few records.
jobs::FollowUpJob automatic_topics_step();

}  // namespace reinforge::steps
