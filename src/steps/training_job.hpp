#pragma once
// Step 6's job on a stored dataset: the "training" job drives a run's trainer backend — start,
// then poll until the run ends, folding the backend's events and metric points into the run —
// and cancels the backend when the person cancels the job. It runs on a thread of its own
// (a run lasts hours) and is resumable: after a restart it re-attaches to the backend's job or
// the launched command from the state kept with the run.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "jobs/job_runner.hpp"
#include "store/training_store.hpp"
#include "training/trainer.hpp"

namespace reinforge::steps {

inline constexpr const char* kTrainingJob = "training";

struct TrainingJobServices {
  store::TrainingStore& runs;
  std::filesystem::path data_dir;
  std::string server_url;  // this server's http://host:port, set before the job runner starts
};

void register_training_job(jobs::JobRunner& runner, TrainingJobServices& services);
store::Job submit_training_job(jobs::JobRunner& runner, int64_t dataset_id, int64_t run_id);

// The run's event and metric series as the job writes them, for the metrics endpoint too: folds
// `points` into the run's progress and stores them; returns the run as updated.
std::optional<store::TrainingRun> record_metric_points(
    store::TrainingStore& runs, int64_t run_id, const std::vector<nlohmann::json>& points,
    std::optional<int64_t> eta_seconds = std::nullopt);

}  // namespace reinforge::steps
