#include "providers/openai_compatible_provider.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "providers/fake_upstream.hpp"

using namespace reinforge::providers;
using reinforge::testing::chat_completion_response;
using reinforge::testing::FakeRequest;
using reinforge::testing::FakeResponse;
using reinforge::testing::FakeUpstream;

namespace {

const std::string kKey = "sk-test-secret-key-123456";

ProviderConfig config_for(const FakeUpstream& upstream) {
  ProviderConfig config;
  config.name = "fake";
  config.base_url = upstream.base_url();
  config.api_key = kKey;
  config.initial_backoff_ms = 10;
  config.max_backoff_ms = 2000;
  config.total_timeout_ms = 2000;
  return config;
}

nlohmann::json hello_request() {
  return {{"model", "m"}, {"messages", {{{"role", "user"}, {"content", "hi"}}}}, {"stream", true}};
}

}  // namespace

TEST(OpenAiCompatibleProvider, sends_the_chat_body_with_the_bearer_key_and_reads_the_answer) {
  FakeUpstream upstream([](const FakeRequest&) { return chat_completion_response("hello"); });
  OpenAiCompatibleProvider provider(config_for(upstream));
  auto result = provider.chat(hello_request());
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.message["content"], "hello");
  EXPECT_EQ(result.finish_reason, "stop");
  EXPECT_EQ(result.usage.prompt_tokens, 11);
  EXPECT_EQ(result.usage.completion_tokens, 7);
  auto received = upstream.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].path, "/v1/chat/completions");
  EXPECT_EQ(received[0].headers["authorization"], "Bearer " + kKey);
  EXPECT_FALSE(received[0].json().contains("stream")) << "jobs read whole answers";
}

TEST(OpenAiCompatibleProvider, retries_server_errors_and_rate_limits_then_succeeds) {
  std::atomic<int> calls{0};
  FakeUpstream upstream([&](const FakeRequest&) {
    int call = calls++;
    if (call == 0) return FakeResponse{500, R"({"error":{"message":"boom"}})", {}, 0, false};
    if (call == 1) return FakeResponse{429, R"({"error":{"message":"slow down"}})", {{"Retry-After", "1"}}, 0, false};
    return chat_completion_response("third time");
  });
  OpenAiCompatibleProvider provider(config_for(upstream));
  auto started = std::chrono::steady_clock::now();
  auto result = provider.chat(hello_request());
  auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.attempts, 3);
  EXPECT_EQ(result.message["content"], "third time");
  EXPECT_GE(waited, std::chrono::milliseconds(950)) << "Retry-After: 1 is honoured";
}

TEST(OpenAiCompatibleProvider, does_not_retry_client_errors_and_reports_the_upstream_message) {
  FakeUpstream upstream([](const FakeRequest&) {
    return FakeResponse{400, R"({"error":{"message":"model not found"}})", {}, 0, false};
  });
  OpenAiCompatibleProvider provider(config_for(upstream));
  auto result = provider.chat(hello_request());
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.attempts, 1);
  EXPECT_EQ(result.http_status, 400);
  EXPECT_NE(result.error.find("model not found"), std::string::npos) << result.error;
}

TEST(OpenAiCompatibleProvider, gives_up_after_max_retries_on_persistent_500s) {
  FakeUpstream upstream([](const FakeRequest&) { return FakeResponse{503, "{}", {}, 0, false}; });
  auto config = config_for(upstream);
  config.max_retries = 2;
  OpenAiCompatibleProvider provider(config);
  auto result = provider.chat(hello_request());
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.attempts, 3);
  EXPECT_EQ(upstream.requests(), 3);
  EXPECT_NE(result.error.find("after 3 attempts"), std::string::npos) << result.error;
}

TEST(OpenAiCompatibleProvider, retries_connection_refused_and_names_the_url) {
  ProviderConfig config;
  config.name = "nowhere";
  config.base_url = "http://127.0.0.1:1/v1";
  config.api_key = kKey;
  config.max_retries = 1;
  config.initial_backoff_ms = 5;
  OpenAiCompatibleProvider provider(config);
  auto result = provider.chat(hello_request());
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.attempts, 2);
  EXPECT_NE(result.error.find("127.0.0.1:1"), std::string::npos) << result.error;
}

TEST(OpenAiCompatibleProvider, times_out_a_hanging_upstream) {
  FakeUpstream upstream([](const FakeRequest&) { return FakeResponse{200, "", {}, 0, true}; });
  auto config = config_for(upstream);
  config.total_timeout_ms = 300;
  config.max_retries = 0;
  OpenAiCompatibleProvider provider(config);
  auto result = provider.chat(hello_request());
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("imeout"), std::string::npos) << result.error;
}

TEST(OpenAiCompatibleProvider, a_cancelled_call_stops_waiting) {
  FakeUpstream upstream([](const FakeRequest&) { return FakeResponse{200, "", {}, 0, true}; });
  auto config = config_for(upstream);
  config.total_timeout_ms = 60'000;
  OpenAiCompatibleProvider provider(config);
  std::atomic<bool> cancelled{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cancelled = true;
  });
  auto result = provider.chat(hello_request(), CallControl{&cancelled});
  canceller.join();
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("cancelled"), std::string::npos);
  EXPECT_LT(result.latency_ms, 10'000);
}

TEST(OpenAiCompatibleProvider, never_puts_the_key_in_an_error_even_when_the_upstream_echoes_it) {
  FakeUpstream upstream([](const FakeRequest& request) {
    nlohmann::json error = {{"error", {{"message", "bad key: " + request.headers.at("authorization")}}}};
    return FakeResponse{401, error.dump(), {}, 0, false};
  });
  OpenAiCompatibleProvider provider(config_for(upstream));
  auto result = provider.chat(hello_request());
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.error.find(kKey), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("bad key"), std::string::npos);
}

TEST(OpenAiCompatibleProvider, a_body_that_is_not_a_chat_completion_is_an_error) {
  FakeUpstream upstream([](const FakeRequest&) { return FakeResponse{200, "<html>", {}, 0, false}; });
  OpenAiCompatibleProvider provider(config_for(upstream));
  auto result = provider.chat(hello_request());
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("not a chat completion"), std::string::npos) << result.error;
}

TEST(OpenAiCompatibleProvider, embeds_in_input_order) {
  FakeUpstream upstream([](const FakeRequest& request) {
    EXPECT_EQ(request.path, "/v1/embeddings");
    nlohmann::json body = {{"data", {{{"index", 1}, {"embedding", {0.5, 0.25}}}, {{"index", 0}, {"embedding", {1.0, 0.0}}}}},
                           {"usage", {{"prompt_tokens", 4}}}};
    return FakeResponse{200, body.dump(), {}, 0, false};
  });
  OpenAiCompatibleProvider provider(config_for(upstream));
  auto result = provider.embed("e", {"a", "b"});
  ASSERT_TRUE(result.ok) << result.error;
  ASSERT_EQ(result.vectors.size(), 2u);
  EXPECT_FLOAT_EQ(result.vectors[0][0], 1.0f);
  EXPECT_FLOAT_EQ(result.vectors[1][1], 0.25f);
  EXPECT_EQ(result.usage.prompt_tokens, 4);
}
