#include "providers/api_call.hpp"

#include <chrono>
#include <thread>

#include "providers/curl_request.hpp"
#include "providers/retry_policy.hpp"
#include "util/secure_token.hpp"
#include "util/utf8.hpp"

namespace reinforge::providers {

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

std::string join_url(const std::string& base, const std::string& path) {
  if (!base.empty() && base.back() == '/') return base.substr(0, base.size() - 1) + path;
  return base + path;
}

}  // namespace

std::string upstream_message(const std::string& body) {
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_object() && parsed.contains("error")) {
    const auto& error = parsed["error"];
    if (error.is_object() && error.contains("message") && error["message"].is_string()) {
      return error["message"].get<std::string>();
    }
    if (error.is_string()) return error.get<std::string>();
  }
  auto shown = util::utf8_prefix(body, 300);
  return shown.size() < body.size() ? std::string(shown) + "…" : body;
}

ApiCallOutcome call_api(const ProviderConfig& config, const std::string& method,
                        const std::string& path, const std::string& body,
                        const std::string& content_type, const CallControl& control, bool retry) {
  auto scrub = [&](std::string text) {
    return util::without_secret(std::move(text), config.api_key);
  };
  ApiCallOutcome outcome;
  auto started = Clock::now();
  auto url = join_url(config.base_url, path);
  for (int attempt = 0;; ++attempt) {
    outcome.attempts = attempt + 1;
    auto response = send_request(config, method, url, body, content_type, control);
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
    if (!retry || !(transport || is_retryable_status(response.status)) ||
        attempt >= config.max_retries)
      break;
    auto retry_after = parse_retry_after_ms(response.retry_after, std::chrono::system_clock::now());
    if (retry_after && *retry_after > config.max_backoff_ms) {
      outcome.error += " (the server asks to retry after " + std::to_string(*retry_after / 1000) +
                       " s, longer than this provider's max_backoff_ms)";
      break;
    }
    if (!sleep_unless_cancelled(backoff_ms(config, attempt + 1, retry_after), control)) {
      outcome.error = "cancelled";
      break;
    }
  }
  if (!outcome.ok && outcome.attempts > 1 && outcome.error != "cancelled") {
    outcome.error += " (after " + std::to_string(outcome.attempts) + " attempts)";
  }
  outcome.error = "provider '" + config.name + "': " + scrub(outcome.error);
  if (outcome.ok) outcome.error.clear();
  outcome.latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  return outcome;
}

}  // namespace reinforge::providers
