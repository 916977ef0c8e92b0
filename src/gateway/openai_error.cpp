#include "gateway/openai_error.hpp"

#include <nlohmann/json.hpp>

namespace reinforge::gateway {

std::string openai_error_body(std::string_view message, std::string_view type,
                              std::string_view code, std::string_view param) {
  nlohmann::json body{{"error",
                       {{"message", message},
                        {"type", type},
                        {"param", param.empty() ? nlohmann::json() : nlohmann::json(param)},
                        {"code", code}}}};
  return body.dump();
}

std::string upstream_error_body(int status, std::string_view body) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object() && json.contains("error") && json["error"].is_object()) return std::string(body);
  std::string text(body.substr(0, 2000));
  if (text.empty()) text = "The upstream provider answered with HTTP " + std::to_string(status) + ".";
  const char* type = status >= 500 ? "server_error" : "invalid_request_error";
  return openai_error_body(text, type, "upstream_error");
}

}  // namespace reinforge::gateway
