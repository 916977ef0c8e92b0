#pragma once
// The `external` backend: a trainer on the user's own GPUs (verl, OpenRLHF, TRL, ...) that
// fetches the split, scores samples on the reward endpoint and reports on the metrics endpoint
// (docs/training.md). With a command, Reinforge launches it and supervises it: its log is the
// event log, JSON lines on its stdout are reports too, and a cancel stops it. Without one,
// Reinforge waits for the trainer to report its result.
#include <memory>

#include "training/trainer.hpp"

namespace reinforge::training {

std::unique_ptr<Trainer> make_external_trainer();

// A run's remote status while no trainer has reported yet, then once one has (the metrics
// endpoint moves it on at the first report).
inline constexpr const char* kWaitingForTrainer = "waiting for the trainer";
inline constexpr const char* kTrainerReporting = "reporting";

// The variables a launched trainer gets (REINFORGE_URL, REINFORGE_RUN_TOKEN, ...).
std::vector<std::pair<std::string, std::string>> trainer_environment(const TrainerRun& run);

// The trainer endpoints of a run on `server_url`: {"run", "train", "valid", "rewards", "metrics"}.
nlohmann::json trainer_endpoints(const std::string& server_url, int64_t run_id);

}  // namespace reinforge::training
