#include "topics/provider_embedder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "providers/fake_upstream.hpp"
#include "providers/openai_compatible_provider.hpp"
#include "util/utf8.hpp"

using namespace reinforge::topics;
using reinforge::providers::OpenAiCompatibleProvider;
using reinforge::providers::ProviderConfig;
using reinforge::testing::FakeRequest;
using reinforge::testing::FakeResponse;
using reinforge::testing::FakeUpstream;

namespace {

// Embeds a text as (its length, 1, 2): easy to check the order and the normalization.
FakeResponse length_embeddings(const FakeRequest& request) {
  auto body = request.json();
  nlohmann::json data = nlohmann::json::array();
  for (std::size_t i = 0; i < body["input"].size(); ++i) {
    float length = static_cast<float>(body["input"][i].get<std::string>().size());
    data.push_back({{"index", i}, {"embedding", {length, 1.0f, 2.0f}}});
  }
  return {200, nlohmann::json{{"data", data}}.dump(), {}, 0, false};
}

std::shared_ptr<OpenAiCompatibleProvider> provider_for(const FakeUpstream& upstream) {
  ProviderConfig config;
  config.name = "fake";
  config.base_url = upstream.base_url();
  config.initial_backoff_ms = 5;
  config.max_retries = 2;
  return std::make_shared<OpenAiCompatibleProvider>(config);
}

}  // namespace

TEST(ProviderEmbedder, sends_batches_and_returns_unit_rows_in_input_order) {
  std::mutex mutex;
  std::vector<std::size_t> batch_sizes;
  FakeUpstream upstream([&](const FakeRequest& request) {
    std::lock_guard lock(mutex);
    batch_sizes.push_back(request.json()["input"].size());
    EXPECT_EQ(request.json()["model"], "embed-small");
    return length_embeddings(request);
  });
  ProviderEmbedderOptions options;
  options.batch_inputs = 100;
  options.concurrent_requests = 3;
  ProviderEmbedder embedder(provider_for(upstream), "embed-small", options);
  std::vector<std::string> texts;
  for (int i = 0; i < 450; ++i)
    texts.push_back(std::string(static_cast<std::size_t>(i % 40 + 1), 'x'));
  texts[7] = "";  // not sent, a zero row
  embedder.fit(texts, {});
  EXPECT_EQ(embedder.dimensions(), 3);
  batch_sizes.clear();

  auto rows = embedder.embed(texts, {});
  ASSERT_EQ(rows.rows(), 450);
  std::sort(batch_sizes.begin(), batch_sizes.end());
  EXPECT_EQ(batch_sizes, (std::vector<std::size_t>{49, 100, 100, 100, 100}));
  EXPECT_EQ(rows.row(7).squaredNorm(), 0.0f);
  for (Eigen::Index r = 0; r < rows.rows(); ++r) {
    if (r == 7) continue;
    EXPECT_NEAR(rows.row(r).norm(), 1.0f, 1e-5f);
    float length = static_cast<float>(texts[static_cast<std::size_t>(r)].size());
    EXPECT_NEAR(rows(r, 0) / rows(r, 1), length, 1e-3f) << r;
  }
}

TEST(ProviderEmbedder, cuts_long_texts_and_bounds_the_bytes_per_request) {
  std::mutex mutex;
  std::vector<std::size_t> longest;
  FakeUpstream upstream([&](const FakeRequest& request) {
    std::lock_guard lock(mutex);
    std::size_t most = 0;
    auto body = request.json();
    EXPECT_TRUE(body.is_object()) << request.body.substr(0, 200);
    for (const auto& input : body["input"]) most = std::max(most, input.get<std::string>().size());
    longest.push_back(most);
    return length_embeddings(request);
  });
  ProviderEmbedderOptions options;
  options.max_text_bytes = 1000;
  options.batch_bytes = 2500;
  ProviderEmbedder embedder(provider_for(upstream), "m", options);
  // "é" is two bytes: a cut at 1000 bytes must not split one.
  std::vector<std::string> texts(5, "a" + std::string(1200, '\0'));
  std::string accented = "a";
  for (int i = 0; i < 700; ++i) accented += "é";
  for (auto& text : texts) text = accented;
  embedder.fit(texts, {});
  longest.clear();
  auto rows = embedder.embed(texts, {});
  EXPECT_EQ(rows.rows(), 5);
  EXPECT_EQ(longest.size(), 3u);  // 2 + 2 + 1 texts of 999 bytes under 2,500 bytes each
  for (auto most : longest) EXPECT_EQ(most, 999u);
  EXPECT_EQ(reinforge::util::utf8_prefix(accented, 1000).size(), 999u);
  EXPECT_EQ(reinforge::util::utf8_prefix("short", 1000), "short");
}

TEST(ProviderEmbedder, an_http_error_after_retries_is_a_provider_error) {
  std::atomic<int> calls{0};
  FakeUpstream upstream([&](const FakeRequest&) {
    ++calls;
    return FakeResponse{503, R"({"error":{"message":"overloaded"}})", {}, 0, false};
  });
  ProviderEmbedder embedder(provider_for(upstream), "m");
  std::vector<std::string> texts = {"hello"};
  try {
    embedder.fit(texts, {});
    FAIL() << "no error";
  } catch (const EmbeddingProviderError& error) {
    EXPECT_NE(std::string(error.what()).find("HTTP 503"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("overloaded"), std::string::npos) << error.what();
  }
  EXPECT_EQ(calls.load(), 3);  // the first attempt and the provider's 2 retries
}

TEST(ProviderEmbedder, vectors_of_another_width_are_a_provider_error) {
  std::atomic<int> calls{0};
  FakeUpstream upstream([&](const FakeRequest& request) {
    auto body = request.json();
    nlohmann::json data = nlohmann::json::array();
    int width = calls++ == 0 ? 3 : 4;  // the probe says 3, later answers 4
    for (std::size_t i = 0; i < body["input"].size(); ++i)
      data.push_back({{"index", i}, {"embedding", std::vector<float>(width, 1.0f)}});
    return FakeResponse{200, nlohmann::json{{"data", data}}.dump(), {}, 0, false};
  });
  ProviderEmbedder embedder(provider_for(upstream), "m");
  std::vector<std::string> texts = {"one", "two"};
  embedder.fit(texts, {});
  EXPECT_THROW(embedder.embed(texts, {}), EmbeddingProviderError);
}

TEST(ProviderEmbedder, nothing_listening_is_a_provider_error) {
  ProviderConfig config;
  config.name = "down";
  config.base_url = "http://127.0.0.1:1/v1";
  config.max_retries = 0;
  ProviderEmbedder embedder(std::make_shared<OpenAiCompatibleProvider>(config), "m");
  std::vector<std::string> texts = {"hello"};
  EXPECT_THROW(embedder.fit(texts, {}), EmbeddingProviderError);
}
