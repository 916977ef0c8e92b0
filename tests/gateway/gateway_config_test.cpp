#include <gtest/gtest.h>

#include <map>

#include "gateway/gateway_config.hpp"

using namespace reinforge::gateway;

namespace {

EnvironmentLookup env(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

const char* kConfig = R"({
  "server": {"port": 9000},
  "providers": [
    {"name": "azure", "base_url": "https://example.openai.azure.com/openai/v1/", "api_key_env": "AZURE_KEY"},
    {"name": "local", "base_url": "http://127.0.0.1:8000/v1"}
  ],
  "models": [
    {"name": "smart", "provider": "azure", "upstream_model": "gpt-4o", "fallbacks": ["cheap"]},
    {"name": "cheap", "provider": "local", "upstream_model": "llama", "fallbacks": ["smart"]}
  ],
  "gateway": {"timeouts_ms": {"connect": 1500, "first_byte": 2500}, "retries": {"max": 3, "backoff_ms": 10},
              "trace_queue_capacity": 100}
})";

}  // namespace

TEST(GatewayConfig, ReadsProvidersModelsAndLimits) {
  auto config = parse_gateway_config(kConfig, env({{"AZURE_KEY", "secret"}}));
  ASSERT_EQ(config.providers.size(), 2u);
  const auto& azure = config.providers[0];
  EXPECT_TRUE(azure.url.tls);
  EXPECT_EQ(azure.url.host, "example.openai.azure.com");
  EXPECT_EQ(azure.url.port, 443);
  EXPECT_EQ(azure.url.base_path, "/openai/v1");
  EXPECT_EQ(azure.api_key, "secret");
  EXPECT_EQ(config.providers[1].url.port, 8000);
  EXPECT_EQ(config.timeouts.connect.count(), 1500);
  EXPECT_EQ(config.timeouts.first_byte.count(), 2500);
  EXPECT_EQ(config.timeouts.total.count(), 600000);  // default kept
  EXPECT_EQ(config.retry.max_retries, 3);
  EXPECT_EQ(config.trace_queue_capacity, 100u);
  EXPECT_TRUE(config.default_provider.empty());
}

TEST(GatewayConfig, ResolvesAModelThenItsFallbacksEachOnce) {
  auto config = parse_gateway_config(kConfig, env({}));
  auto targets = resolve_model(config, "smart");
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0].provider->name, "azure");
  EXPECT_EQ(targets[0].upstream_model, "gpt-4o");
  EXPECT_EQ(targets[1].provider->name, "local");
  EXPECT_EQ(targets[1].upstream_model, "llama");
  EXPECT_TRUE(resolve_model(config, "unknown").empty());  // no default provider
}

TEST(GatewayConfig, OpenAiKeyAloneGivesAProviderForEveryUnmappedModel) {
  auto config = parse_gateway_config("{}", env({{"OPENAI_API_KEY", "sk-1"}, {"OPENAI_BASE_URL", "http://localhost:4000/v1"}}));
  ASSERT_EQ(config.providers.size(), 1u);
  EXPECT_EQ(config.default_provider, "openai");
  auto targets = resolve_model(config, "gpt-4o-mini");
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].upstream_model, "gpt-4o-mini");
  EXPECT_EQ(targets[0].provider->url.base_path, "/v1");
  EXPECT_EQ(targets[0].provider->url.port, 4000);

  auto public_api = parse_gateway_config("{}", env({{"OPENAI_API_KEY", "sk-1"}}));
  EXPECT_EQ(public_api.providers[0].base_url, "https://api.openai.com/v1");
  EXPECT_TRUE(parse_gateway_config("{}", env({})).providers.empty());
}

TEST(GatewayConfig, MistakesNameTheirPlace) {
  auto message = [](const std::string& text) {
    try {
      parse_gateway_config(text, env({}), "my.json");
    } catch (const ConfigError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message(R"({"providers": [{"name": "a", "base_url": "ftp://x"}]})").find("providers[0]"), std::string::npos);
  EXPECT_NE(message(R"({"models": [{"name": "m", "provider": "nope"}]})").find("unknown provider \"nope\""), std::string::npos);
  EXPECT_NE(message(R"({"providers": [{"name": "a", "base_url": "http://x"}], "models": [{"name": "m", "provider": "a", "fallbacks": ["z"]}]})")
                .find("unknown model \"z\""), std::string::npos);
  EXPECT_NE(message(R"({"gateway": {"timeouts_ms": {"connect": -1}}})").find("connect"), std::string::npos);
  EXPECT_NE(message("[1]").find("my.json"), std::string::npos);
}
