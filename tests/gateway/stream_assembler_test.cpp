#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "gateway/stream_assembler.hpp"

using namespace reinforge::gateway;

TEST(StreamAssembler, JoinsContentToolCallsAndUsage) {
  std::string sse =
      "data: {\"id\":\"c1\",\"model\":\"m\",\"created\":1,\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
      "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"
      "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\r\n\r\n"
      "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}\n\n"
      "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}}]}\n\n"
      "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":1}\"}}]}}]}\n\n"
      "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
      ": a comment line\n"
      "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,\"total_tokens\":8}}\n\n"
      "data: [DONE]\n\n";
  auto assembled = assemble_chat_stream(sse);
  auto json = nlohmann::json::parse(assembled.json);
  EXPECT_EQ(json["object"], "chat.completion");
  EXPECT_EQ(json["model"], "m");
  const auto& message = json["choices"][0]["message"];
  EXPECT_EQ(message["content"], "Hello");
  ASSERT_EQ(message["tool_calls"].size(), 2u);
  EXPECT_EQ(message["tool_calls"][0]["function"]["arguments"], "{\"a\":1}");
  EXPECT_EQ(message["tool_calls"][1]["function"]["name"], "g");
  EXPECT_EQ(message["tool_calls"][1]["type"], "function");
  EXPECT_EQ(json["choices"][0]["finish_reason"], "tool_calls");
  EXPECT_EQ(assembled.usage.total_tokens, 8);
  EXPECT_FALSE(assembled.error);
}

TEST(StreamAssembler, KeepsAnErrorEventAndToleratesACutStream) {
  auto assembled = assemble_chat_stream(
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"par\"}}]}\n\n"
      "data: {\"error\":{\"message\":\"overloaded\"}}\n\n"
      "data: {\"choices\":[{\"ind");
  EXPECT_EQ(assembled.error, "overloaded");
  EXPECT_EQ(nlohmann::json::parse(assembled.json)["choices"][0]["message"]["content"], "par");
}

TEST(StreamAssembler, ReadsUsageOfAPlainResponse) {
  auto usage = usage_of_response(R"({"usage":{"prompt_tokens":5,"total_tokens":5}})");
  EXPECT_EQ(usage.prompt_tokens, 5);
  EXPECT_FALSE(usage.completion_tokens);
  EXPECT_FALSE(usage_of_response("not json").total_tokens);
}

TEST(StreamAssembler, ReadsCachedAndReasoningTokensOfEveryProtocolInOneMeaning) {
  // Chat completions.
  auto chat = usage_of_response(
      R"({"usage":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150,)"
      R"("prompt_tokens_details":{"cached_tokens":64,"audio_tokens":0},)"
      R"("completion_tokens_details":{"reasoning_tokens":30}}})");
  EXPECT_EQ(chat.prompt_tokens, 100);
  EXPECT_EQ(chat.cached_tokens, 64);
  EXPECT_EQ(chat.reasoning_tokens, 30);
  // Responses: input/output with their own details.
  auto responses = usage_of_response(
      R"({"usage":{"input_tokens":80,"input_tokens_details":{"cached_tokens":16},"output_tokens":20,)"
      R"("output_tokens_details":{"reasoning_tokens":12},"total_tokens":100}})");
  EXPECT_EQ(responses.prompt_tokens, 80);
  EXPECT_EQ(responses.completion_tokens, 20);
  EXPECT_EQ(responses.cached_tokens, 16);
  EXPECT_EQ(responses.reasoning_tokens, 12);
  // Anthropic: input_tokens leave the cache out, so every input token is their sum.
  auto messages = usage_of_response(
      R"({"usage":{"input_tokens":10,"cache_read_input_tokens":200,"cache_creation_input_tokens":5,)"
      R"("output_tokens":7}})");
  EXPECT_EQ(messages.prompt_tokens, 215);
  EXPECT_EQ(messages.cached_tokens, 200);
  EXPECT_EQ(messages.total_tokens, 222);
  EXPECT_FALSE(messages.reasoning_tokens);
  // A streamed chat answer's usage chunk carries them too.
  auto streamed = assemble_chat_stream(
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}\n\n"
      "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,"
      "\"prompt_tokens_details\":{\"cached_tokens\":8},\"completion_tokens_details\":{\"reasoning_tokens\":2}}}\n\n");
  EXPECT_EQ(streamed.usage.cached_tokens, 8);
  EXPECT_EQ(streamed.usage.reasoning_tokens, 2);
}

TEST(StreamAssembler, WritesWhatAParsedAndDumpedCompletionWouldBe) {
  auto assembled = assemble_chat_stream(
      "data: {\"id\":\"c9\",\"created\":1.5e3,\"choices\":[{\"index\":1,\"delta\":{\"refusal\":\"no \\u00e9\"},"
      "\"logprobs\":{\"z\":[-0.25],\"a\":null}}]}\n\n"
      "data: {\"choices\":[{\"index\":1,\"delta\":{\"content\":\"tab\\there\"},\"finish_reason\":\"stop\"}],"
      "\"usage\":{\"total_tokens\":4,\"prompt_tokens\":3}}\n\n"
      "data: {\"error\":{\"code\":7}}\n\n");
  // Keys sorted at every level and numbers in nlohmann's form, as the traces have always held.
  EXPECT_EQ(assembled.json,
            "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":1,\"logprobs\":{\"a\":null,\"z\":[-0.25]},"
            "\"message\":{\"content\":\"tab\\there\",\"refusal\":\"no \xc3\xa9\",\"role\":\"assistant\"}}],"
            "\"created\":1500.0,\"id\":\"c9\",\"object\":\"chat.completion\","
            "\"usage\":{\"prompt_tokens\":3,\"total_tokens\":4}}");
  EXPECT_EQ(assembled.usage.prompt_tokens, 3);
  EXPECT_FALSE(assembled.usage.completion_tokens);
  EXPECT_EQ(assembled.error, "{\"code\":7}");  // no message: the error object itself
}
