#pragma once
// Rows of step 6 (docs/training.md): training runs, their split, metric points and event log.
// Plain types; no SQL and no JSON library here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reinforge::store {

struct TrainingRun {
  int64_t id = 0;
  int64_t dataset_id = 0;
  std::optional<int64_t> job_id;
  std::string backend;  // "openai" or "external"
  std::string base_model;
  std::string state = "queued";  // queued, starting, running, succeeded, failed, cancelled
  std::string remote_status;     // the backend's own word; empty when there is none
  int64_t dataset_revision = 0;
  std::string grader_version;
  std::string grader_config_json = "{}";  // the grader as it was at the start
  std::string options_json = "{}";        // split, hyperparameters, provider, command, gate
  std::string token_sha256;               // the trainer token's hash (external runs)
  std::string remote_job_id;              // the backend's job id, or a launched process's pid
  // What the backend needs to re-attach after a restart (uploaded file ids, the last event
  // read, a process's start time and log offset): the run's checkpoint.
  std::string backend_state_json = "{}";
  std::string progress_json = "{}";  // percent, epoch, epochs, step, total_steps, eta_seconds
  std::string rewards_json = "{}";   // {"train": {"first", "last"}, "valid": {...}}
  int64_t train_count = 0;
  int64_t valid_count = 0;
  std::optional<std::string> fine_tuned_model;
  std::optional<std::string> model_url;
  std::optional<std::string> error;
  // What an external trainer posted as its result ({"status", "fine_tuned_model", ...}); the
  // run's job finishes the run when it sees it.
  std::optional<std::string> trainer_result_json;
  int64_t created_at = 0;
  std::optional<int64_t> started_at;
  std::optional<int64_t> finished_at;
};

// A run in one of these states is over: nothing more will change it.
inline bool is_finished_run_state(const std::string& state) {
  return state == "succeeded" || state == "failed" || state == "cancelled";
}

enum class SplitPart { train, valid };

// One reported step: every numeric field as the trainer sent it (JSON object text).
struct TrainingMetric {
  int64_t seq = 0;
  int64_t run_id = 0;
  int64_t at_ms = 0;
  std::string values_json = "{}";
};

struct TrainingEvent {
  int64_t seq = 0;
  int64_t run_id = 0;
  int64_t at_ms = 0;
  std::string level = "info";  // info, warning, error
  std::string message;
};

}  // namespace reinforge::store
