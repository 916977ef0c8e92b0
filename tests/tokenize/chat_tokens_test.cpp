#include <gtest/gtest.h>

#include "tokenize/chat_tokens.hpp"

namespace reinforge::tokenize {
namespace {

const Encoding& o200k() { return Encoding::get(EncodingName::o200k_base); }

TEST(ChatTokens, follow_the_documented_overhead) {
  // 3 per message + role + content, + 3 priming the reply.
  auto expected = 3 + o200k().count("user") + o200k().count("Hello") + 3;
  EXPECT_EQ(count_chat_tokens_json(o200k(), R"({"messages":[{"role":"user","content":"Hello"}]})"), expected);
  // A name costs its tokens plus one.
  auto named = count_chat_tokens_json(o200k(), R"({"messages":[{"role":"user","name":"ann","content":"Hello"}]})");
  EXPECT_EQ(named, expected + 1 + o200k().count("ann"));
}

TEST(ChatTokens, count_tool_calls_and_tool_definitions) {
  const char* plain = R"({"messages":[{"role":"user","content":"Weather?"}]})";
  const char* with_tools = R"({"tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string","description":"City name"}}}}}],"messages":[{"role":"user","content":"Weather?"}]})";
  const char* with_call = R"({"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}]})";
  auto base = *count_chat_tokens_json(o200k(), plain);
  EXPECT_GT(*count_chat_tokens_json(o200k(), with_tools), base + o200k().count("get_weather"));
  auto call = *count_chat_tokens_json(o200k(), with_call);
  EXPECT_EQ(call, base + 3 + o200k().count("assistant") + 3 + o200k().count("get_weather") +
                      o200k().count(R"({"city":"Paris"})"));
}

TEST(ChatTokens, not_a_record_is_nullopt) {
  EXPECT_FALSE(count_chat_tokens_json(o200k(), "not json").has_value());
  EXPECT_FALSE(count_chat_tokens_json(o200k(), R"({"prompt":"x"})").has_value());
}

}  // namespace
}  // namespace reinforge::tokenize
