#pragma once
// Step 5 on a stored dataset (PRODUCT.md §7): the "dry_run" job samples the base model (or takes
// the reference answers) on a stratified sample of valid records, grades every output with the
// dataset's grader, and keeps the report with the grader version and dataset revision it used,
// so the step can tell when it is stale.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "jobs/job_runner.hpp"

namespace reinforge::steps {

inline constexpr const char* kDryRunJob = "dry_run";
inline constexpr const char* kDryRunStepState = "dry_run";

void register_dry_run_job(jobs::JobRunner& runner);

// `options`: {"mode": "reference"|"base_model", "samples": 300, "k": 1, "concurrency": 32,
// "model": "...", "provider": {"base_url", "api_key_env"}, "sampling": {...}}.
store::Job submit_dry_run(jobs::JobRunner& runner, int64_t dataset_id, const nlohmann::json& options);

}  // namespace reinforge::steps
