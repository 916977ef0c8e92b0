#include "providers/retry_policy.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <string>

namespace reinforge::providers {

bool is_retryable_status(long http_status) {
  return http_status == 408 || http_status == 409 || http_status == 429 || http_status >= 500;
}

std::optional<long> parse_retry_after_ms(std::string_view header,
                                         std::chrono::system_clock::time_point now) {
  while (!header.empty() && std::isspace(static_cast<unsigned char>(header.front()))) header.remove_prefix(1);
  while (!header.empty() && std::isspace(static_cast<unsigned char>(header.back()))) header.remove_suffix(1);
  if (header.empty()) return std::nullopt;
  if (std::all_of(header.begin(), header.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (header.size() > 9) return std::nullopt;
    return std::stol(std::string(header)) * 1000;
  }
  std::tm parts{};
  std::string text(header);
  // IMF-fixdate, the only form a sender may generate: "Sun, 06 Nov 1994 08:49:37 GMT".
  if (!strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &parts)) return std::nullopt;
  auto when = std::chrono::system_clock::from_time_t(timegm(&parts));
  auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(when - now).count();
  return std::max<long>(0, delay);
}

long backoff_ms(const ProviderConfig& config, int retry, std::optional<long> retry_after_ms) {
  if (retry_after_ms) return *retry_after_ms;
  long delay = config.initial_backoff_ms;
  for (int i = 1; i < retry && delay < config.max_backoff_ms; ++i) delay *= 2;
  return std::min(delay, config.max_backoff_ms);
}

}  // namespace reinforge::providers
