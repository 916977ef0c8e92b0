#include "providers/openai_compatible_provider.hpp"

#include <chrono>
#include <thread>

#include "providers/curl_request.hpp"
#include "providers/retry_policy.hpp"
#include "util/secure_token.hpp"

namespace reinforge::providers {

struct OpenAiCompatibleProvider::Outcome {
  bool ok = false;
  std::string body;
  std::string error;
  long http_status = 0;
  int attempts = 0;
  double latency_ms = 0;
};

namespace {

using Clock = std::chrono::steady_clock;

// Sleeps in short slices so that a cancelled job does not wait out a long Retry-After.
bool sleep_unless_cancelled(long ms, const CallControl& control) {
  auto until = Clock::now() + std::chrono::milliseconds(ms);
  while (Clock::now() < until) {
    if (control.is_cancelled()) return false;
    std::this_thread::sleep_for(
        std::min<Clock::duration>(until - Clock::now(), std::chrono::milliseconds(20)));
  }
  return !control.is_cancelled();
}

// The upstream's own message, from OpenAI's error shape when it uses it.
std::string upstream_message(const std::string& body) {
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_object() && parsed.contains("error")) {
    const auto& error = parsed["error"];
    if (error.is_object() && error.contains("message") && error["message"].is_string()) {
      return error["message"].get<std::string>();
    }
    if (error.is_string()) return error.get<std::string>();
  }
  return body.size() > 300 ? body.substr(0, 300) + "…" : body;
}

std::string join_url(const std::string& base, const std::string& path) {
  if (!base.empty() && base.back() == '/') return base.substr(0, base.size() - 1) + path;
  return base + path;
}

}  // namespace

OpenAiCompatibleProvider::OpenAiCompatibleProvider(ProviderConfig config)
    : config_(std::move(config)) {}

std::string OpenAiCompatibleProvider::scrub(std::string text) const {
  return util::without_secret(std::move(text), config_.api_key);
}

OpenAiCompatibleProvider::Outcome OpenAiCompatibleProvider::post_with_retries(
    const std::string& path, const std::string& body, const CallControl& control) const {
  Outcome outcome;
  auto started = Clock::now();
  auto url = join_url(config_.base_url, path);
  for (int attempt = 0;; ++attempt) {
    outcome.attempts = attempt + 1;
    auto response = post_json(config_, url, body, control);
    outcome.http_status = response.status;
    if (response.cancelled) {
      outcome.error = "cancelled";
      break;
    }
    if (response.status >= 200 && response.status < 300) {
      outcome.ok = true;
      outcome.body = std::move(response.body);
      break;
    }
    bool transport = response.status == 0;
    outcome.error = transport ? "could not reach " + url + ": " + response.transport_error
                              : "HTTP " + std::to_string(response.status) + " from " + url + ": " +
                                    upstream_message(scrub(response.body));
    if (!(transport || is_retryable_status(response.status)) || attempt >= config_.max_retries)
      break;
    auto retry_after = parse_retry_after_ms(response.retry_after, std::chrono::system_clock::now());
    if (retry_after && *retry_after > config_.max_backoff_ms) {
      outcome.error += " (the server asks to retry after " + std::to_string(*retry_after / 1000) +
                       " s, longer than this provider's max_backoff_ms)";
      break;
    }
    if (!sleep_unless_cancelled(backoff_ms(config_, attempt + 1, retry_after), control)) {
      outcome.error = "cancelled";
      break;
    }
  }
  if (!outcome.ok && outcome.attempts > 1 && outcome.error != "cancelled") {
    outcome.error += " (after " + std::to_string(outcome.attempts) + " attempts)";
  }
  outcome.error = "provider '" + config_.name + "': " + scrub(outcome.error);
  if (outcome.ok) outcome.error.clear();
  outcome.latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  return outcome;
}

ChatResult OpenAiCompatibleProvider::chat(const nlohmann::json& request,
                                          const CallControl& control) const {
  ChatResult result;
  auto body = request;
  body.erase("stream");
  auto outcome = post_with_retries("/chat/completions", body.dump(), control);
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
                   upstream_message(scrub(outcome.body)) + ")";
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
  auto outcome = post_with_retries("/embeddings", body.dump(), control);
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
