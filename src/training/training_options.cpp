#include "training/training_options.hpp"

#include <cstdlib>
#include <set>

namespace reinforge::training {

namespace {

// OpenAI's reinforcement hyperparameters (method.reinforcement.hyperparameters): "auto" or a
// positive number, except reasoning_effort.
const std::set<std::string> kOpenAiNumeric = {"batch_size",   "learning_rate_multiplier",
                                              "n_epochs",     "eval_interval",
                                              "eval_samples", "compute_multiplier"};

void check_hyperparameter(const std::string& name, const nlohmann::json& value,
                          const std::string& backend) {
  std::string where = "hyperparameters." + name;
  if (name == "reasoning_effort") {
    static const std::set<std::string> efforts = {"default", "low", "medium", "high"};
    if (!value.is_string() || !efforts.count(value.get<std::string>()))
      throw TrainingOptionsError(where + " must be \"default\", \"low\", \"medium\" or \"high\"");
    return;
  }
  bool known_numeric =
      kOpenAiNumeric.count(name) || name == "group_size" || name == "learning_rate";
  if (known_numeric) {
    bool is_auto = value.is_string() && value.get<std::string>() == "auto";
    if (is_auto && backend == kOpenAiBackend) return;
    if (!value.is_number() || value.get<double>() <= 0)
      throw TrainingOptionsError(where + " must be a positive number" +
                                 (backend == kOpenAiBackend ? " or \"auto\"" : ""));
    return;
  }
  if (!value.is_number() && !value.is_string() && !value.is_boolean())
    throw TrainingOptionsError(where + " must be a number, a string or a boolean");
}

std::string string_field(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return "";
  if (!body[name].is_string()) throw TrainingOptionsError(std::string(name) + " must be a string");
  return body[name].get<std::string>();
}

bool bool_field(const nlohmann::json& body, const char* name, bool fallback) {
  if (!body.contains(name) || body[name].is_null()) return fallback;
  if (!body[name].is_boolean())
    throw TrainingOptionsError(std::string(name) + " must be true or false");
  return body[name].get<bool>();
}

}  // namespace

nlohmann::json default_hyperparameters(const std::string& backend) {
  if (backend == kOpenAiBackend) {
    return {{"n_epochs", "auto"},
            {"batch_size", "auto"},
            {"learning_rate_multiplier", "auto"},
            {"eval_interval", "auto"},
            {"eval_samples", "auto"},
            {"compute_multiplier", "auto"},
            {"reasoning_effort", "medium"}};
  }
  return {{"n_epochs", 2}, {"batch_size", 16}, {"group_size", 8}, {"learning_rate", 1e-6}};
}

nlohmann::json default_openai_provider() {
  const char* base_url = std::getenv("OPENAI_BASE_URL");
  return {{"name", "openai"},
          {"base_url", base_url && *base_url ? base_url : "https://api.openai.com/v1"},
          {"api_key_env", "OPENAI_API_KEY"}};
}

TrainingOptions read_training_options(const nlohmann::json& body) {
  if (!body.is_object()) throw TrainingOptionsError("the body must be a JSON object");
  TrainingOptions options;
  options.backend = string_field(body, "backend");
  if (options.backend != kOpenAiBackend && options.backend != kExternalBackend)
    throw TrainingOptionsError("backend must be \"openai\" or \"external\"");
  options.base_model = string_field(body, "base_model");
  if (options.base_model.empty())
    throw TrainingOptionsError("base_model is required: the model to fine-tune");

  if (body.contains("valid_share") && !body["valid_share"].is_null()) {
    if (!body["valid_share"].is_number())
      throw TrainingOptionsError("valid_share must be a number");
    options.split.valid_share = body["valid_share"].get<double>();
  }
  if (!(options.split.valid_share > 0 && options.split.valid_share <= 0.5))
    throw TrainingOptionsError("valid_share must be above 0 and at most 0.5 (default 0.1)");
  options.split.stratify = bool_field(body, "stratify", true);
  if (body.contains("seed") && !body["seed"].is_null()) {
    if (!body["seed"].is_number_integer() || body["seed"].get<int64_t>() < 0)
      throw TrainingOptionsError("seed must be a non-negative integer");
    options.split.seed = body["seed"].get<uint64_t>();
  }

  options.hyperparameters = default_hyperparameters(options.backend);
  if (body.contains("hyperparameters") && !body["hyperparameters"].is_null()) {
    if (!body["hyperparameters"].is_object())
      throw TrainingOptionsError("hyperparameters must be an object of name: value");
    for (const auto& [name, value] : body["hyperparameters"].items()) {
      check_hyperparameter(name, value, options.backend);
      options.hyperparameters[name] = value;
    }
  }

  if (options.backend == kOpenAiBackend) {
    if (body.contains("command") && !body["command"].is_null())
      throw TrainingOptionsError(
          "command is for the external backend; the openai backend trains on OpenAI");
    options.provider = default_openai_provider();
    if (body.contains("provider") && !body["provider"].is_null()) {
      if (!body["provider"].is_object())
        throw TrainingOptionsError("provider must be an object: {\"base_url\", \"api_key_env\"}");
      if (body["provider"].contains("api_key"))
        throw TrainingOptionsError(
            "provider.api_key: keys are not stored with a run; put it in an environment variable "
            "of "
            "the server and name it in \"api_key_env\"");
      for (const auto& [key, value] : body["provider"].items()) options.provider[key] = value;
    }
    options.suffix = string_field(body, "suffix");
    if (options.suffix.size() > 64)
      throw TrainingOptionsError("suffix must be at most 64 characters");
  } else {
    options.command = string_field(body, "command");
    if (body.contains("provider") && !body["provider"].is_null())
      throw TrainingOptionsError(
          "provider is for the openai backend; an external trainer brings its own");
  }
  if (body.contains("poll_interval_ms") && !body["poll_interval_ms"].is_null()) {
    if (!body["poll_interval_ms"].is_number_integer() ||
        body["poll_interval_ms"].get<int64_t>() < 50 ||
        body["poll_interval_ms"].get<int64_t>() > 600'000)
      throw TrainingOptionsError("poll_interval_ms must be an integer from 50 to 600000");
    options.poll_interval_ms = body["poll_interval_ms"].get<int>();
  }
  if (body.contains("max_unreachable_s") && !body["max_unreachable_s"].is_null()) {
    if (!body["max_unreachable_s"].is_number_integer() ||
        body["max_unreachable_s"].get<int64_t>() < 1)
      throw TrainingOptionsError("max_unreachable_s must be a positive number of seconds");
    options.max_unreachable_s = body["max_unreachable_s"].get<int64_t>();
  }
  options.confirm_caution = bool_field(body, "confirm_caution", false);
  options.override_gate = bool_field(body, "override_gate", false);
  return options;
}

nlohmann::json TrainingOptions::to_json() const {
  nlohmann::json json{{"backend", backend},
                      {"base_model", base_model},
                      {"valid_share", split.valid_share},
                      {"stratify", split.stratify},
                      {"seed", split.seed},
                      {"hyperparameters", hyperparameters},
                      {"poll_interval_ms", poll_interval_ms}};
  if (backend == kOpenAiBackend) {
    json["provider"] = provider;
    json["suffix"] = suffix;
    json["max_unreachable_s"] = max_unreachable_s;
  } else {
    json["command"] = command;
  }
  return json;
}

}  // namespace reinforge::training
