#pragma once
// When to try an upstream call again and how long to wait first. Pure, so the rules are tested
// without a network.
#include <chrono>
#include <optional>
#include <string_view>

#include "providers/provider_config.hpp"

namespace reinforge::providers {

// A transport failure (no HTTP status) or an HTTP status worth another attempt: 408, 409
// (OpenAI's lock timeout), 429 and every 5xx, as OpenAI's own SDKs do.
bool is_retryable_status(long http_status);

// Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3); nullopt when absent or
// unreadable.
std::optional<long> parse_retry_after_ms(std::string_view header,
                                         std::chrono::system_clock::time_point now);

// The wait before retry number `retry` (1-based): the server's Retry-After when given, otherwise
// exponential backoff from the config's initial delay, capped at its maximum.
long backoff_ms(const ProviderConfig& config, int retry, std::optional<long> retry_after_ms);

}  // namespace reinforge::providers
