#pragma once
// One HTTP POST with libcurl's easy interface: the only file that knows curl.
#include <string>

#include "providers/llm_provider.hpp"
#include "providers/provider_config.hpp"

namespace reinforge::providers {

struct HttpResponse {
  long status = 0;  // 0 when the transfer failed before a response
  std::string body;
  std::string retry_after;      // the Retry-After header, if any
  std::string transport_error;  // curl's message when status is 0
  bool cancelled = false;
};

// Sends one request (`method` "GET" sends no body) with the config's key as a bearer token,
// verifying TLS peers, within the config's connect and total timeouts.
HttpResponse send_request(const ProviderConfig& config, const std::string& method,
                          const std::string& url, const std::string& body,
                          const std::string& content_type, const CallControl& control);

// POSTs `body` as JSON to `url`.
HttpResponse post_json(const ProviderConfig& config, const std::string& url,
                       const std::string& body, const CallControl& control);

}  // namespace reinforge::providers
