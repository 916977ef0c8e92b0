#pragma once
// What a grader test sample or a dry run grades, as the API takes it (docs/api.md): the records'
// reference answers, or fresh samples of a base model through a provider. Checked here so that a
// bad value is a 400 naming the field, not a failed job.
#include <nlohmann/json.hpp>
#include <string>

namespace reinforge::api {

struct SamplingRequest {
  bool base_model = false;  // false: grade the reference answers
  std::string model;
  nlohmann::json provider;  // {"base_url", "api_key_env"}
  nlohmann::json sampling = nlohmann::json::object();
};

// Reads "mode", "model", "provider" and "sampling" of `body`; throws a 400 on a bad one.
SamplingRequest sampling_request_or_400(const nlohmann::json& body);

// Checks a dry run's options beyond the sampling ones: "samples" (0 = all), "k", "concurrency",
// "price" (the base model's, per million tokens, for the run's cost).
void check_dry_run_options_or_400(const nlohmann::json& body);

}  // namespace reinforge::api
