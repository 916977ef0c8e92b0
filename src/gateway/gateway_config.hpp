#pragma once
// The gateway's configuration: providers (an OpenAI-compatible base URL and the environment
// variable holding its key), models (a public name mapped to a provider, an upstream model
// and fallbacks), timeouts, retries and the trace queue. Plain C++ so any client of the
// same providers (the jobs' libcurl client) can read it too. Format: docs/configuration.md.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::gateway {

// A wrong config file; the message names the file and the key.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// "https://api.openai.com/v1" taken apart.
struct UpstreamUrl {
  bool tls = false;
  std::string host;
  uint16_t port = 0;
  std::string base_path;  // "/v1", no trailing slash; "" for the root
  // Made once here, not for every call: the Host header ("host" or "host:port" off the
  // scheme's default port) and the connection pool's key ("https://host:port").
  std::string host_header;
  std::string pool_key;
};
// Throws ConfigError for anything that is not an http(s) URL.
UpstreamUrl parse_upstream_url(std::string_view url);

// What a provider speaks besides Chat Completions (which every provider is sent when it is the
// caller's protocol): a Responses or Anthropic Messages call to a provider that speaks that
// protocol is passed through; to a `chat` provider it is translated (docs/gateway.md).
enum class ProviderApi { chat, responses, anthropic };

struct ProviderConfig {
  std::string name;
  ProviderApi api = ProviderApi::chat;
  std::string base_url;
  UpstreamUrl url;
  std::string api_key_env;  // the variable's name (what the config and the API show)
  std::string api_key;      // its value; never logged, traced or returned
};

struct ModelConfig {
  std::string name;            // what callers send as "model"
  std::string provider;
  std::string upstream_model;  // what the provider is sent
  std::vector<std::string> fallbacks;  // other model names, tried in order
};

struct TimeoutConfig {
  std::chrono::milliseconds connect{5000};
  std::chrono::milliseconds first_byte{60000};
  std::chrono::milliseconds total{600000};
};

struct RetryConfig {
  int max_retries = 2;  // per model, on connect failures, timeouts, 429 and 5xx
  std::chrono::milliseconds backoff{200};  // doubled at every retry
};

struct GatewayConfig {
  std::vector<ProviderConfig> providers;
  std::vector<ModelConfig> models;
  // The provider that serves models not mapped above (the zero-config `openai`); empty: none.
  std::string default_provider;
  TimeoutConfig timeouts;
  RetryConfig retry;
  std::size_t trace_queue_capacity = 65536;
  std::size_t max_idle_connections_per_host = 256;

  const ProviderConfig* find_provider(std::string_view name) const;
  const ModelConfig* find_model(std::string_view name) const;
};

// Reads an environment variable; std::getenv in production, a map in tests.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvironmentLookup process_environment();

// Reads the "gateway", "providers" and "models" sections of the JSON config text (other
// sections are ignored) and adds the zero-config `openai` provider when OPENAI_API_KEY is
// set and no provider of that name is configured. `source` names the file in errors.
GatewayConfig parse_gateway_config(std::string_view json_text, const EnvironmentLookup& env,
                                   const std::string& source = "config");
// The same from a file; without a file, only the zero-config provider (if any).
GatewayConfig load_gateway_config(const std::optional<std::filesystem::path>& file,
                                  const EnvironmentLookup& env);

// One place a request can go: the provider and the model name it is sent.
struct RouteTarget {
  const ProviderConfig* provider = nullptr;
  std::string model_name;      // the configured name (or the requested one, by default)
  std::string upstream_model;
};
// The model's target followed by its fallbacks' (each once); empty when nothing serves it.
std::vector<RouteTarget> resolve_model(const GatewayConfig& config, std::string_view model);

}  // namespace reinforge::gateway
