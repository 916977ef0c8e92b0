#include "api/sampling_request.hpp"

#include "grading/grader_config.hpp"
#include "http/request.hpp"
#include "providers/sampling_fields.hpp"

namespace reinforge::api {

namespace {

void check_whole_number(const nlohmann::json& body, const char* field, int64_t low, int64_t high) {
  if (!body.contains(field)) return;
  const auto& value = body[field];
  if (!value.is_number_integer() || value.get<int64_t>() < low || value.get<int64_t>() > high) {
    throw http::bad_request(std::string("'") + field + "' must be a whole number from " +
                            std::to_string(low) + " to " + std::to_string(high) + ".");
  }
}

}  // namespace

SamplingRequest sampling_request_or_400(const nlohmann::json& body) {
  SamplingRequest request;
  const auto mode = body.contains("mode") ? body["mode"] : nlohmann::json("reference");
  if (mode != "reference" && mode != "base_model")
    throw http::bad_request("mode must be 'reference' or 'base_model'.");
  request.base_model = mode == "base_model";
  if (!request.base_model) return request;
  if (!body.contains("model") || !body["model"].is_string() ||
      body["model"].get<std::string>().empty()) {
    throw http::bad_request("Sampling the base model needs 'model', the model's name.");
  }
  request.model = body["model"];
  const auto& provider = body.contains("provider") ? body["provider"] : nlohmann::json();
  if (!provider.is_object() || !provider.contains("base_url") ||
      !provider["base_url"].is_string() || provider["base_url"].get<std::string>().empty()) {
    throw http::bad_request(
        "Sampling the base model needs 'provider': {\"base_url\", \"api_key_env\"}.");
  }
  // The provider as the job will build it, so that a pasted key, an unset key variable or a
  // mistyped field is refused here (and a key never reaches the stored job).
  try {
    grading::provider_config_from_json(provider);
  } catch (const grading::GraderConfigError& error) {
    throw http::bad_request(error.what());
  }
  request.provider = provider;
  if (body.contains("sampling")) {
    if (!body["sampling"].is_object())
      throw http::bad_request("'sampling' must be an object of request fields.");
    if (auto problem = providers::sampling_fields_problem(body["sampling"]))
      throw http::bad_request(*problem + ".");
    request.sampling = body["sampling"];
  }
  return request;
}

void check_dry_run_options_or_400(const nlohmann::json& body) {
  check_whole_number(body, "samples", 0, 1'000'000);
  check_whole_number(body, "k", 1, 16);
  check_whole_number(body, "concurrency", 1, 256);
  if (!body.contains("price") || body["price"].is_null()) return;
  const auto& price = body["price"];
  bool valid = price.is_object();
  for (const char* field : {"input_per_million", "output_per_million"}) {
    valid = valid && price.contains(field) && price[field].is_number() &&
            price[field].get<double>() >= 0;
  }
  if (!valid) {
    throw http::bad_request(
        "'price' must be {\"input_per_million\": dollars, \"output_per_million\": dollars}, both 0 "
        "or more.");
  }
}

}  // namespace reinforge::api
