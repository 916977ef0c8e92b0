#pragma once
// The request fields a dry run, a test sample or a benchmark adds to each call of the model
// ("sampling": {"temperature": 0.7, "max_tokens": 256}): the common ones are checked before a
// job starts, so a mistyped value is a 400 naming it, not hundreds of refused calls. Fields not
// known here pass through untouched (providers have their own).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace reinforge::providers {

// What is wrong with `sampling` (an object), in words that name the field; none when nothing is.
std::optional<std::string> sampling_fields_problem(const nlohmann::json& sampling);

}  // namespace reinforge::providers
