#pragma once
// The Trainer interface (ARCHITECTURE.md): one implementation per trainer protocol — OpenAI's
// fine-tuning jobs API, and external trainers that use Reinforge's reward and metrics endpoints.
// The training job drives a backend: start once, poll until the run ends, cancel on request.
// Everything a backend must remember to re-attach after a restart lives in `state`, which the job
// saves with the run after every call.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/training_types.hpp"

namespace reinforge::training {

enum class TrainerOutcome { running, succeeded, failed, cancelled };

// What a backend learnt in one call.
struct TrainerUpdate {
  std::string remote_status;                 // the backend's own word; empty: unchanged
  std::vector<store::TrainingEvent> events;  // in order; at_ms 0 means "now"
  std::vector<nlohmann::json> metrics;       // metric objects, read by read_metric_point
  std::optional<int64_t> eta_seconds;        // when the backend estimates it itself
  TrainerOutcome outcome = TrainerOutcome::running;
  std::optional<std::string> fine_tuned_model;
  std::optional<std::string> model_url;
  std::string error;  // why the run failed, for the person
};

// Calls `visit(record_id, topic, record)` for every record of one part of the run's split.
using SplitVisitor = std::function<void(
    store::SplitPart part, const std::function<void(int64_t record_id, const std::string& topic,
                                                    const nlohmann::json& record)>& visit)>;

// A run as a backend sees it.
struct TrainerRun {
  const store::TrainingRun& run;
  const nlohmann::json& options;  // the start options (docs/training.md)
  std::string objective;          // the dataset's, for graders' {{objective}}
  std::filesystem::path run_dir;  // <data-dir>/training/run-<id>/, for files a backend keeps
  std::string server_url;         // this server, for the trainer endpoints
  std::string trainer_token;      // a fresh trainer token for a launched command (start only)
  SplitVisitor for_each_split_record;
  const std::atomic<bool>* stop = nullptr;  // set when the job must stop: abort waiting calls
  // Saves `state` with the run at once: for a backend whose start has steps a restart must not
  // repeat (an upload, a job creation). The job also saves it after every call.
  std::function<void(const nlohmann::json& state)> checkpoint;
};

// A backend's fault that a person can act on ("HTTP 401 from …: invalid key"): it fails the run
// with this message.
struct TrainerError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Trainer {
 public:
  virtual ~Trainer() = default;
  // Starts the work: uploads the split and creates the job, or launches the command.
  virtual TrainerUpdate start(const TrainerRun& run, nlohmann::json& state) = 0;
  // What happened since the last call. A passing fault (a network error) is a warning event and
  // the run goes on; TrainerError ends it.
  virtual TrainerUpdate poll(const TrainerRun& run, nlohmann::json& state) = 0;
  // Asks the backend to stop; returns once it has (or has been told to).
  virtual TrainerUpdate cancel(const TrainerRun& run, nlohmann::json& state) = 0;
  virtual int poll_interval_ms(const TrainerRun& run) const = 0;
};

}  // namespace reinforge::training
