#include "gateway/gateway_config.hpp"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace reinforge::gateway {

namespace {

constexpr const char* kOpenAiDefaultBaseUrl = "https://api.openai.com/v1";

std::string required_string(const nlohmann::json& object, const char* key, const std::string& where) {
  if (!object.contains(key) || !object[key].is_string() || object[key].get<std::string>().empty()) {
    throw ConfigError(where + ": \"" + key + "\" must be a non-empty string");
  }
  return object[key].get<std::string>();
}

std::chrono::milliseconds positive_ms(const nlohmann::json& object, const char* key,
                                      std::chrono::milliseconds fallback, const std::string& where) {
  if (!object.contains(key)) return fallback;
  if (!object[key].is_number_integer() || object[key].get<int64_t>() <= 0) {
    throw ConfigError(where + ": \"" + key + "\" must be a positive number of milliseconds");
  }
  return std::chrono::milliseconds(object[key].get<int64_t>());
}

ProviderConfig read_provider(const nlohmann::json& entry, const EnvironmentLookup& env,
                             const std::string& where) {
  if (!entry.is_object()) throw ConfigError(where + " must be an object");
  ProviderConfig provider;
  provider.name = required_string(entry, "name", where);
  provider.base_url = required_string(entry, "base_url", where);
  try {
    provider.url = parse_upstream_url(provider.base_url);
  } catch (const ConfigError& error) {
    throw ConfigError(where + ": " + error.what());
  }
  if (entry.contains("api_key_env")) {
    provider.api_key_env = required_string(entry, "api_key_env", where);
    provider.api_key = env(provider.api_key_env).value_or("");
  }
  if (entry.contains("api")) {
    auto api = required_string(entry, "api", where);
    if (api == "chat") {
      provider.api = ProviderApi::chat;
    } else if (api == "responses") {
      provider.api = ProviderApi::responses;
    } else if (api == "anthropic") {
      provider.api = ProviderApi::anthropic;
    } else {
      throw ConfigError(where + ": \"api\" must be \"chat\", \"responses\" or \"anthropic\"");
    }
  }
  return provider;
}

ModelConfig read_model(const nlohmann::json& entry, const std::string& where) {
  if (!entry.is_object()) throw ConfigError(where + " must be an object");
  ModelConfig model;
  model.name = required_string(entry, "name", where);
  model.provider = required_string(entry, "provider", where);
  model.upstream_model = entry.contains("upstream_model") ? required_string(entry, "upstream_model", where)
                                                          : model.name;
  if (entry.contains("fallbacks")) {
    if (!entry["fallbacks"].is_array()) throw ConfigError(where + ": \"fallbacks\" must be an array of model names");
    for (const auto& fallback : entry["fallbacks"]) {
      if (!fallback.is_string()) throw ConfigError(where + ": \"fallbacks\" must be an array of model names");
      model.fallbacks.push_back(fallback.get<std::string>());
    }
  }
  return model;
}

void read_gateway_section(GatewayConfig& config, const nlohmann::json& section, const std::string& where) {
  if (!section.is_object()) throw ConfigError(where + " must be an object");
  if (section.contains("default_provider")) {
    config.default_provider = required_string(section, "default_provider", where);
  }
  if (section.contains("timeouts_ms")) {
    const auto& timeouts = section["timeouts_ms"];
    std::string inner = where + ".timeouts_ms";
    if (!timeouts.is_object()) throw ConfigError(inner + " must be an object");
    config.timeouts.connect = positive_ms(timeouts, "connect", config.timeouts.connect, inner);
    config.timeouts.first_byte = positive_ms(timeouts, "first_byte", config.timeouts.first_byte, inner);
    config.timeouts.total = positive_ms(timeouts, "total", config.timeouts.total, inner);
  }
  if (section.contains("retries")) {
    const auto& retries = section["retries"];
    std::string inner = where + ".retries";
    if (!retries.is_object()) throw ConfigError(inner + " must be an object");
    if (retries.contains("max")) {
      if (!retries["max"].is_number_integer() || retries["max"].get<int>() < 0 || retries["max"].get<int>() > 10) {
        throw ConfigError(inner + ": \"max\" must be an integer from 0 to 10");
      }
      config.retry.max_retries = retries["max"].get<int>();
    }
    config.retry.backoff = positive_ms(retries, "backoff_ms", config.retry.backoff, inner);
  }
  if (section.contains("trace_queue_capacity")) {
    if (!section["trace_queue_capacity"].is_number_integer() || section["trace_queue_capacity"].get<int64_t>() < 1) {
      throw ConfigError(where + ": \"trace_queue_capacity\" must be a positive integer");
    }
    config.trace_queue_capacity = section["trace_queue_capacity"].get<std::size_t>();
  }
}

void check_references(const GatewayConfig& config, const std::string& source) {
  std::set<std::string> names;
  for (const auto& provider : config.providers) {
    if (!names.insert(provider.name).second) {
      throw ConfigError(source + ": provider \"" + provider.name + "\" is defined twice");
    }
  }
  std::set<std::string> models;
  for (const auto& model : config.models) {
    if (!models.insert(model.name).second) throw ConfigError(source + ": model \"" + model.name + "\" is defined twice");
    if (!config.find_provider(model.provider)) {
      throw ConfigError(source + ": model \"" + model.name + "\" names the unknown provider \"" + model.provider + "\"");
    }
  }
  for (const auto& model : config.models) {
    for (const auto& fallback : model.fallbacks) {
      if (!models.count(fallback)) {
        throw ConfigError(source + ": model \"" + model.name + "\" falls back to the unknown model \"" + fallback + "\"");
      }
    }
  }
  if (!config.default_provider.empty() && !config.find_provider(config.default_provider)) {
    throw ConfigError(source + ": gateway.default_provider names the unknown provider \"" +
                      config.default_provider + "\"");
  }
}

// OPENAI_API_KEY alone is enough to start: the `openai` provider then serves every model
// that the config does not map, like the OpenAI SDKs would.
void add_zero_config_provider(GatewayConfig& config, const EnvironmentLookup& env) {
  auto key = env("OPENAI_API_KEY");
  if (!key || key->empty() || config.find_provider("openai")) return;
  ProviderConfig provider;
  provider.name = "openai";
  auto base = env("OPENAI_BASE_URL");
  provider.base_url = base && !base->empty() ? *base : kOpenAiDefaultBaseUrl;
  try {
    provider.url = parse_upstream_url(provider.base_url);
  } catch (const ConfigError& error) {
    throw ConfigError(std::string("OPENAI_BASE_URL: ") + error.what());
  }
  provider.api_key_env = "OPENAI_API_KEY";
  provider.api_key = *key;
  // OpenAI itself answers Responses calls; another base URL (vLLM, Ollama, a proxy) is assumed
  // to speak Chat Completions only, so Responses calls are translated for it.
  provider.api = provider.base_url == kOpenAiDefaultBaseUrl ? ProviderApi::responses : ProviderApi::chat;
  config.providers.push_back(std::move(provider));
  if (config.default_provider.empty()) config.default_provider = "openai";
}

}  // namespace

UpstreamUrl parse_upstream_url(std::string_view url) {
  UpstreamUrl parsed;
  std::string_view rest;
  if (url.rfind("https://", 0) == 0) {
    parsed.tls = true;
    rest = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else {
    throw ConfigError("\"" + std::string(url) + "\" is not an http:// or https:// URL");
  }
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  parsed.base_path = std::string(path);
  parsed.port = parsed.tls ? 443 : 80;
  auto colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    std::string port(authority.substr(colon + 1));
    char* end = nullptr;
    long value = std::strtol(port.c_str(), &end, 10);
    if (port.empty() || *end || value <= 0 || value > 65535) {
      throw ConfigError("\"" + std::string(url) + "\" has a bad port");
    }
    parsed.port = static_cast<uint16_t>(value);
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) throw ConfigError("\"" + std::string(url) + "\" has no host");
  parsed.host = std::string(authority);
  bool default_port = parsed.port == (parsed.tls ? 443 : 80);
  parsed.host_header = default_port ? parsed.host : parsed.host + ":" + std::to_string(parsed.port);
  parsed.pool_key =
      (parsed.tls ? "https://" : "http://") + parsed.host + ":" + std::to_string(parsed.port);
  return parsed;
}

const ProviderConfig* GatewayConfig::find_provider(std::string_view name) const {
  for (const auto& provider : providers) {
    if (provider.name == name) return &provider;
  }
  return nullptr;
}

const ModelConfig* GatewayConfig::find_model(std::string_view name) const {
  for (const auto& model : models) {
    if (model.name == name) return &model;
  }
  return nullptr;
}

EnvironmentLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

GatewayConfig parse_gateway_config(std::string_view json_text, const EnvironmentLookup& env,
                                   const std::string& source) {
  GatewayConfig config;
  auto json = nlohmann::json::parse(json_text, nullptr, false);
  if (!json.is_object()) throw ConfigError(source + " is not a JSON object");
  try {
    if (json.contains("providers")) {
      if (!json["providers"].is_array()) throw ConfigError(source + ": \"providers\" must be an array");
      for (std::size_t i = 0; i < json["providers"].size(); ++i) {
        config.providers.push_back(
            read_provider(json["providers"][i], env, source + ": providers[" + std::to_string(i) + "]"));
      }
    }
    if (json.contains("models")) {
      if (!json["models"].is_array()) throw ConfigError(source + ": \"models\" must be an array");
      for (std::size_t i = 0; i < json["models"].size(); ++i) {
        config.models.push_back(read_model(json["models"][i], source + ": models[" + std::to_string(i) + "]"));
      }
    }
    if (json.contains("gateway")) read_gateway_section(config, json["gateway"], source + ": gateway");
  } catch (const nlohmann::json::exception& error) {
    throw ConfigError(source + ": " + error.what());
  }
  add_zero_config_provider(config, env);
  check_references(config, source);
  return config;
}

GatewayConfig load_gateway_config(const std::optional<std::filesystem::path>& file,
                                  const EnvironmentLookup& env) {
  if (!file) return parse_gateway_config("{}", env, "the environment");
  std::ifstream in(*file);
  if (!in) throw ConfigError("cannot read the config file " + file->string());
  std::stringstream text;
  text << in.rdbuf();
  return parse_gateway_config(text.str(), env, file->string());
}

std::vector<RouteTarget> resolve_model(const GatewayConfig& config, std::string_view model) {
  std::vector<RouteTarget> targets;
  const ModelConfig* configured = config.find_model(model);
  if (!configured) {
    if (const auto* provider = config.find_provider(config.default_provider)) {
      targets.push_back({provider, std::string(model), std::string(model)});
    }
    return targets;
  }
  std::vector<const ModelConfig*> chain{configured};
  std::set<std::string_view> seen{configured->name};
  // Fallbacks are followed breadth-first so a fallback's own fallbacks come after ours.
  for (std::size_t i = 0; i < chain.size(); ++i) {
    for (const auto& name : chain[i]->fallbacks) {
      const ModelConfig* next = config.find_model(name);
      if (next && seen.insert(next->name).second) chain.push_back(next);
    }
  }
  for (const auto* entry : chain) {
    targets.push_back({config.find_provider(entry->provider), entry->name, entry->upstream_model});
  }
  return targets;
}

}  // namespace reinforge::gateway
