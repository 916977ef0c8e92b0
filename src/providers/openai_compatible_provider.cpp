#include "providers/openai_compatible_provider.hpp"

#include "providers/api_call.hpp"
#include "util/secure_token.hpp"

namespace reinforge::providers {

OpenAiCompatibleProvider::OpenAiCompatibleProvider(ProviderConfig config)
    : config_(std::move(config)) {}

ChatResult OpenAiCompatibleProvider::chat(const nlohmann::json& request,
                                          const CallControl& control) const {
  ChatResult result;
  auto body = request;
  body.erase("stream");
  auto outcome =
      call_api(config_, "POST", "/chat/completions", body.dump(), "application/json", control);
  result.http_status = outcome.http_status;
  result.attempts = outcome.attempts;
  result.latency_ms = outcome.latency_ms;
  if (!outcome.ok) {
    result.error = outcome.error;
    return result;
  }
  auto parsed = nlohmann::json::parse(outcome.body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("choices") || !parsed["choices"].is_array() ||
      parsed["choices"].empty() || !parsed["choices"][0].is_object() ||
      !parsed["choices"][0].contains("message") || !parsed["choices"][0]["message"].is_object()) {
    result.error = "provider '" + config_.name + "': the response is not a chat completion (" +
                   upstream_message(util::without_secret(outcome.body, config_.api_key)) + ")";
    return result;
  }
  const auto& choice = parsed["choices"][0];
  result.message = choice["message"];
  if (choice.contains("finish_reason") && choice["finish_reason"].is_string()) {
    result.finish_reason = choice["finish_reason"].get<std::string>();
  }
  if (parsed.contains("usage") && parsed["usage"].is_object()) {
    const auto& usage = parsed["usage"];
    result.usage.prompt_tokens = usage.value("prompt_tokens", int64_t{0});
    result.usage.completion_tokens = usage.value("completion_tokens", int64_t{0});
  }
  result.ok = true;
  return result;
}

EmbeddingResult OpenAiCompatibleProvider::embed(const std::string& model,
                                                const std::vector<std::string>& inputs,
                                                const CallControl& control) const {
  EmbeddingResult result;
  nlohmann::json body = {{"model", model}, {"input", inputs}, {"encoding_format", "float"}};
  auto outcome = call_api(config_, "POST", "/embeddings", body.dump(), "application/json", control);
  result.http_status = outcome.http_status;
  result.attempts = outcome.attempts;
  result.latency_ms = outcome.latency_ms;
  if (!outcome.ok) {
    result.error = outcome.error;
    return result;
  }
  auto parsed = nlohmann::json::parse(outcome.body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("data") || !parsed["data"].is_array()) {
    result.error = "provider '" + config_.name + "': the response is not an embedding list";
    return result;
  }
  result.vectors.resize(inputs.size());
  for (const auto& entry : parsed["data"]) {
    if (!entry.is_object() || !entry.contains("embedding") || !entry["embedding"].is_array())
      continue;
    auto index = entry.value("index", size_t{0});
    if (index >= result.vectors.size()) continue;
    for (const auto& value : entry["embedding"]) {
      if (value.is_number()) result.vectors[index].push_back(value.get<float>());
    }
  }
  for (size_t i = 0; i < result.vectors.size(); ++i) {
    if (result.vectors[i].empty()) {
      result.error = "provider '" + config_.name + "': no embedding for input " + std::to_string(i);
      return result;
    }
  }
  if (parsed.contains("usage") && parsed["usage"].is_object()) {
    result.usage.prompt_tokens = parsed["usage"].value("prompt_tokens", int64_t{0});
  }
  result.ok = true;
  return result;
}

}  // namespace reinforge::providers
