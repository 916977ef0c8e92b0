#pragma once
// Reads only what routing needs from a request body (model, stream, include_usage, user) with
// simdjson, and swaps the model name in place when the upstream calls it differently;
// every other byte is forwarded untouched.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::gateway {

struct InspectedRequest {
  std::string model;
  bool stream = false;
  bool include_usage = false;
  std::string user;  // the body's "user" field, if it is a string
  // Where the model's JSON string (quotes included) sits in the body.
  std::size_t model_offset = 0;
  std::size_t model_length = 0;
};

// nullopt with `error` set when the body is not a JSON object with a string "model".
std::optional<InspectedRequest> inspect_request(std::string_view body, std::string& error);

// The body with the model string replaced by `upstream_model` (JSON-escaped).
std::string body_with_model(std::string_view body, const InspectedRequest& inspected,
                            std::string_view upstream_model);

}  // namespace reinforge::gateway
