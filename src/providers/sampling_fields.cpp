#include "providers/sampling_fields.hpp"

#include <cstdio>

namespace reinforge::providers {

namespace {

// A number from `low` to `high`, as OpenAI-compatible APIs take it.
std::optional<std::string> number_problem(const nlohmann::json& sampling, const char* field,
                                          double low, double high) {
  if (!sampling.contains(field)) return std::nullopt;
  const auto& value = sampling[field];
  if (value.is_number() && value.get<double>() >= low && value.get<double>() <= high)
    return std::nullopt;
  char range[64];
  std::snprintf(range, sizeof range, "a number from %g to %g", low, high);
  return "sampling." + std::string(field) + " must be " + range + ", not " + value.dump();
}

std::optional<std::string> count_problem(const nlohmann::json& sampling, const char* field) {
  if (!sampling.contains(field)) return std::nullopt;
  const auto& value = sampling[field];
  if (value.is_number_integer() && value.get<int64_t>() >= 1) return std::nullopt;
  return "sampling." + std::string(field) + " must be a whole number of tokens, 1 or more, not " +
         value.dump();
}

}  // namespace

std::optional<std::string> sampling_fields_problem(const nlohmann::json& sampling) {
  if (!sampling.is_object()) return "sampling must be an object of request fields";
  for (auto problem : {number_problem(sampling, "temperature", 0, 2),
                       number_problem(sampling, "top_p", 0, 1),
                       number_problem(sampling, "presence_penalty", -2, 2),
                       number_problem(sampling, "frequency_penalty", -2, 2),
                       count_problem(sampling, "max_tokens"),
                       count_problem(sampling, "max_completion_tokens")}) {
    if (problem) return problem;
  }
  if (sampling.contains("seed") && !sampling["seed"].is_number_integer())
    return "sampling.seed must be a whole number, not " + sampling["seed"].dump();
  if (sampling.contains("stop")) {
    const auto& stop = sampling["stop"];
    bool texts = stop.is_string() || stop.is_null();
    if (stop.is_array()) {
      texts = true;
      for (const auto& item : stop) texts = texts && item.is_string();
    }
    if (!texts) return "sampling.stop must be a text or a list of texts, not " + stop.dump();
  }
  return std::nullopt;
}

}  // namespace reinforge::providers
