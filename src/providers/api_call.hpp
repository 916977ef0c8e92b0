#pragma once
// One call to an OpenAI-style HTTP API with the provider's retries: transport errors, 408, 409,
// 429 and 5xx are tried again after a backoff (Retry-After honoured), and every message is
// scrubbed of the key. The chat provider and the fine-tuning client both call APIs this way.
#include <string>

#include "providers/llm_provider.hpp"
#include "providers/provider_config.hpp"

namespace reinforge::providers {

struct ApiCallOutcome {
  bool ok = false;
  std::string body;   // on success
  std::string error;  // otherwise: "provider 'openai': HTTP 400 from URL: message"
  long http_status = 0;
  int attempts = 0;
  double latency_ms = 0;
};

// The upstream's own message, from OpenAI's error shape when it uses it; else the body, shortened.
std::string upstream_message(const std::string& body);

// `path` is joined to the config's base URL ("/fine_tuning/jobs"); `method` "GET" sends no body.
// `retry` false makes one attempt only: for calls that are not safe to repeat.
ApiCallOutcome call_api(const ProviderConfig& config, const std::string& method,
                        const std::string& path, const std::string& body,
                        const std::string& content_type, const CallControl& control,
                        bool retry = true);

}  // namespace reinforge::providers
