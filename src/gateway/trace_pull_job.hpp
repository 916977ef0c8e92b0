#pragma once
// The "pull_traces" job: adds a dataset's matching traces as records when there are too many
// to do within an API call. Resumable by nature: a pull only takes traces not yet in the
// dataset, so running it again after a restart continues where it stopped.
#include <cstdint>
#include <filesystem>
#include <optional>

#include "jobs/job_runner.hpp"
#include "store/store_location.hpp"

namespace reinforge::gateway {

inline constexpr const char* kTracePullJobKind = "pull_traces";
// Above this many matching traces the API hands the pull to a job.
inline constexpr int64_t kSynchronousTracePullLimit = 2000;

void register_trace_pull_job(jobs::JobRunner& runner, const store::StoreLocation& location);
// `then`: queued for the dataset once the pull succeeds (the topics step of "Create & start").
store::Job submit_trace_pull(jobs::JobRunner& runner, int64_t dataset_id,
                             const std::optional<jobs::FollowUpJob>& then = std::nullopt);

}  // namespace reinforge::gateway
