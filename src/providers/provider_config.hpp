#pragma once
// How to reach one OpenAI-compatible upstream. The key is held here and nowhere else: it goes
// into the Authorization header and is scrubbed from every error and result.
#include <string>

namespace reinforge::providers {

struct ProviderConfig {
  std::string name = "openai";
  std::string base_url = "https://api.openai.com/v1";  // OpenAI style: `/v1` included
  std::string api_key;
  long connect_timeout_ms = 10'000;
  long total_timeout_ms = 120'000;  // per attempt
  int max_retries = 3;              // attempts after the first, on connect errors, 429 and 5xx
  long initial_backoff_ms = 500;    // doubled per retry
  long max_backoff_ms = 30'000;     // also the longest Retry-After we wait for
  std::string ca_bundle;            // empty: the system's trust store
};

}  // namespace reinforge::providers
