#pragma once
// Starting step 6 on a stored dataset (PRODUCT.md §8, docs/training.md): the preflight that says
// what a start would do (gate, split, grader), and the start itself, which records the run with
// its split, dataset revision and grader version and queues its job.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "jobs/job_runner.hpp"
#include "store/store.hpp"
#include "store/training_store.hpp"
#include "training/training_gate.hpp"
#include "training/training_options.hpp"

namespace reinforge::steps {

// A start that cannot go ahead: `code` is the API's error code (no_grader, no_valid_records,
// gate_caution, gate_refused, grader_not_exportable) and the message says what to do.
struct TrainingStartRefused : std::runtime_error {
  TrainingStartRefused(std::string code, const std::string& message, bool is_conflict)
      : std::runtime_error(message), code(std::move(code)), is_conflict(is_conflict) {}
  std::string code;
  bool is_conflict;  // 409 (the dataset's state) rather than 400 (the request)
};

struct TrainingPreflight {
  training::GateDecision gate;
  std::optional<std::string> verdict;
  bool stale = false;
  int64_t train = 0;
  int64_t valid = 0;
  bool grader_ok = true;
  std::string grader_error;
  std::vector<std::string> grader_notes;
  std::optional<TrainingStartRefused> refusal;  // the first reason a start would be refused
};

TrainingPreflight preflight_training(store::Store& store, const store::Dataset& dataset,
                                     const training::TrainingOptions& options);
nlohmann::json preflight_json(const TrainingPreflight& preflight,
                              const training::TrainingOptions& options);

struct StartedTraining {
  store::TrainingRun run;
  std::optional<std::string> token;  // an external run without a command: shown once
};

// Throws TrainingStartRefused.
StartedTraining start_training(store::Store& store, store::TrainingStore& runs,
                               jobs::JobRunner& jobs, const store::Dataset& dataset,
                               const training::TrainingOptions& options);

}  // namespace reinforge::steps
