#pragma once
// What an external trainer reports, on the metrics endpoint or as a JSON line on its stdout
// (docs/training.md): metric points, event-log messages and its final result.
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/training_types.hpp"

namespace reinforge::training {

struct TrainerReport {
  std::vector<nlohmann::json> metrics;  // metric objects
  std::vector<store::TrainingEvent> events;
  std::optional<nlohmann::json> result;  // {"status", "fine_tuned_model", "model_url", "error"}
};

struct TrainerReportError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// {"step": ..., numbers...} | {"metrics": [...]} | {"message", "level"} | {"result": {...}};
// throws TrainerReportError naming the fault when the body is none of these.
TrainerReport read_trainer_report(const nlohmann::json& body);

}  // namespace reinforge::training
