#pragma once
// A training start request (docs/training.md), checked: backend, base model, split, hyperparameters
// with each backend's defaults, and what each backend needs (a provider, a command). Shared by
// the API, its preflight and `reinforge train`, so each refuses the same things the same way.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "training/training_split.hpp"

namespace reinforge::training {

inline constexpr const char* kOpenAiBackend = "openai";
inline constexpr const char* kExternalBackend = "external";

// A field with a bad value; the message names the field and what it takes.
struct TrainingOptionsError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

struct TrainingOptions {
  std::string backend;
  std::string base_model;
  SplitOptions split;
  nlohmann::json hyperparameters = nlohmann::json::object();  // defaults filled in
  nlohmann::json provider;           // openai: {"name", "base_url", "api_key_env", ...}
  std::string command;               // external: launched and supervised when not empty
  std::string suffix;                // openai: the model name's suffix
  int poll_interval_ms = 0;          // 0: the backend's default
  int64_t max_unreachable_s = 1800;  // openai: polls failing this long fail the run
  bool confirm_caution = false;
  bool override_gate = false;
  // A grader config to train with instead of the dataset's saved one (`reinforge train
  // --grader`); never read from an API body.
  std::optional<nlohmann::json> grader;

  nlohmann::json to_json() const;  // kept with the run: what it was started with
};

// Throws TrainingOptionsError.
TrainingOptions read_training_options(const nlohmann::json& body);

// The defaults for `backend`: OpenAI's reinforcement hyperparameters left to "auto" (it picks
// them from the data) with medium reasoning; an external trainer gets the usual GRPO settings.
nlohmann::json default_hyperparameters(const std::string& backend);

// The provider the openai backend uses when the request names none: the gateway's zero-config
// one, OPENAI_BASE_URL (default OpenAI's) with the key from OPENAI_API_KEY.
nlohmann::json default_openai_provider();

}  // namespace reinforge::training
