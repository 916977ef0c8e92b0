#include "protocols/messages_translation.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "typed_sse_events.hpp"

namespace reinforge::protocols {
namespace {

using nlohmann::json;
using reinforge::testing::typed_sse_events;

// The field a TranslationError names, or "" when the request translated.
std::string rejected_field(const json& request) {
  try {
    messages_request_to_chat(request);
  } catch (const TranslationError& error) {
    return error.field;
  }
  return "";
}

json minimal_request() {
  return {{"model", "claude-x"},
          {"max_tokens", 64},
          {"messages", {{{"role", "user"}, {"content", "hi"}}}}};
}

TEST(MessagesRequestToChat, translates_system_tool_round_trip_and_image_exactly) {
  json request = json::parse(R"({
    "model": "claude-x", "max_tokens": 1024, "temperature": 0.2, "top_p": 0.9, "top_k": 40,
    "stop_sequences": ["END"], "metadata": {"user_id": "u-7"}, "stream": true,
    "system": [{"type": "text", "text": "You are terse."},
               {"type": "text", "text": "Use tools.", "cache_control": {"type": "ephemeral"}}],
    "tools": [{"name": "get_weather", "description": "Weather now",
               "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}],
    "tool_choice": {"type": "any", "disable_parallel_tool_use": true},
    "messages": [
      {"role": "user", "content": [
        {"type": "text", "text": "Weather here?"},
        {"type": "image",
         "source": {"type": "base64", "media_type": "image/png", "data": "iVBOR"}}]},
      {"role": "assistant", "content": [
        {"type": "text", "text": "Checking."},
        {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}}]},
      {"role": "user", "content": [
        {"type": "tool_result", "tool_use_id": "toolu_1",
         "content": [{"type": "text", "text": "18C"}]},
        {"type": "text", "text": "And tomorrow?"},
        {"type": "image", "source": {"type": "url", "url": "https://x.test/map.png"}}]},
      {"role": "assistant", "content": "Sunny."}
    ]})");
  json expected = json::parse(R"({
    "model": "claude-x", "max_tokens": 1024, "temperature": 0.2, "top_p": 0.9,
    "stop": ["END"], "user": "u-7", "stream": true, "stream_options": {"include_usage": true},
    "tools": [{"type": "function", "function": {
      "name": "get_weather", "description": "Weather now",
      "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}],
    "tool_choice": "required", "parallel_tool_calls": false,
    "messages": [
      {"role": "system", "content": "You are terse.\nUse tools."},
      {"role": "user", "content": [
        {"type": "text", "text": "Weather here?"},
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBOR"}}]},
      {"role": "assistant", "content": "Checking.", "tool_calls": [
        {"id": "toolu_1", "type": "function",
         "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]},
      {"role": "tool", "tool_call_id": "toolu_1", "content": "18C"},
      {"role": "user", "content": [
        {"type": "text", "text": "And tomorrow?"},
        {"type": "image_url", "image_url": {"url": "https://x.test/map.png"}}]},
      {"role": "assistant", "content": "Sunny."}
    ]})");
  EXPECT_EQ(messages_request_to_chat(request), expected);
}

TEST(MessagesRequestToChat, maps_each_tool_choice) {
  const std::vector<std::pair<json, json>> cases = {
      {{{"type", "auto"}}, "auto"},
      {{{"type", "any"}}, "required"},
      {{{"type", "none"}}, "none"},
      {{{"type", "tool"}, {"name", "f"}}, {{"type", "function"}, {"function", {{"name", "f"}}}}},
  };
  for (const auto& [choice, expected] : cases) {
    json request = minimal_request();
    request["tools"] = {{{"name", "f"}, {"input_schema", {{"type", "object"}}}}};
    request["tool_choice"] = choice;
    json body = messages_request_to_chat(request);
    EXPECT_EQ(body["tool_choice"], expected) << choice;
    EXPECT_FALSE(body.contains("parallel_tool_calls")) << choice;
  }
}

TEST(MessagesRequestToChat, sends_no_tool_fields_without_tools_and_no_stream_options_unstreamed) {
  json request = minimal_request();
  request["tool_choice"] = {{"type", "auto"}};
  json expected = {{"model", "claude-x"},
                   {"max_tokens", 64},
                   {"messages", {{{"role", "user"}, {"content", "hi"}}}}};
  EXPECT_EQ(messages_request_to_chat(request), expected);
}

TEST(MessagesRequestToChat, sends_tool_results_as_tool_messages_and_no_empty_user_message) {
  json request = minimal_request();
  request["messages"] = json::parse(R"([
    {"role": "assistant", "content": [
      {"type": "tool_use", "id": "a", "name": "f", "input": {}},
      {"type": "tool_use", "id": "b", "name": "g", "input": {"x": [1]}}]},
    {"role": "user", "content": [
      {"type": "tool_result", "tool_use_id": "a", "content": "one", "is_error": true},
      {"type": "tool_result", "tool_use_id": "b"}]}])");
  json expected = json::parse(R"([
    {"role": "assistant", "content": null, "tool_calls": [
      {"id": "a", "type": "function", "function": {"name": "f", "arguments": "{}"}},
      {"id": "b", "type": "function", "function": {"name": "g", "arguments": "{\"x\":[1]}"}}]},
    {"role": "tool", "tool_call_id": "a", "content": "one"},
    {"role": "tool", "tool_call_id": "b", "content": ""}])");
  EXPECT_EQ(messages_request_to_chat_messages(request), expected);
}

// A request whose only message is a user turn with the one block given.
json user_block_request(const char* block) {
  return {{"max_tokens", 5}, {"messages", {{{"role", "user"}, {"content", {json::parse(block)}}}}}};
}

TEST(MessagesRequestToChat, names_the_field_it_cannot_translate) {
  json fourth_turn_document = json::parse(R"({"max_tokens": 5, "messages": [
    {"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
    {"role": "user", "content": "c"},
    {"role": "user", "content": [{"type": "text", "text": "d"},
                                 {"type": "document", "source": {}}]}]})");
  json assistant_thinking = json::parse(R"({"max_tokens": 5, "messages": [
    {"role": "assistant", "content": [{"type": "thinking", "thinking": "hm"}]}]})");
  json server_tool = json::parse(R"({"max_tokens": 5, "messages": [], "tools": [
    {"name": "f", "input_schema": {}}, {"type": "web_search_20250305", "name": "web_search"}]})");
  const std::vector<std::pair<json, std::string>> cases = {
      {json::parse(R"({"messages": []})"), "max_tokens"},
      {json::parse(R"({"max_tokens": 5})"), "messages"},
      {json::parse(R"({"max_tokens": 5, "messages": [],
                       "thinking": {"type": "enabled", "budget_tokens": 1024}})"),
       "thinking"},
      {fourth_turn_document, "messages[3].content[1].type"},
      {assistant_thinking, "messages[0].content[0].type"},
      {user_block_request(R"({"type": "tool_use", "id": "x", "name": "f"})"),
       "messages[0].content[0].type"},
      {user_block_request(R"({"type": "image", "source": {"type": "file", "file_id": "f"}})"),
       "messages[0].content[0].source.type"},
      {user_block_request(R"({"type": "tool_result", "tool_use_id": "t",
                              "content": [{"type": "image", "source": {}}]})"),
       "messages[0].content[0].content[0].type"},
      {json::parse(R"({"max_tokens": 5, "messages": [{"role": "tool", "content": "x"}]})"),
       "messages[0].role"},
      {server_tool, "tools[1].type"},
      {json::parse(R"({"max_tokens": 5, "messages": [], "tool_choice": {"type": "sometimes"}})"),
       "tool_choice.type"},
  };
  for (const auto& [request, field] : cases) EXPECT_EQ(rejected_field(request), field) << request;
}

TEST(MessagesRequestToChat, accepts_thinking_disabled) {
  json request = minimal_request();
  request["thinking"] = {{"type", "disabled"}};
  EXPECT_EQ(rejected_field(request), "");
}

TEST(ChatResponseToMessages, translates_text_and_tool_call_exactly) {
  json completion = json::parse(R"({
    "id": "chatcmpl-1", "object": "chat.completion", "model": "upstream-model",
    "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
      "role": "assistant", "content": "Let me look.",
      "tool_calls": [{"id": "call_9", "type": "function",
                      "function": {"name": "get_weather", "arguments": "{\"city\": \"Oslo\"}"}}]}}],
    "usage": {"prompt_tokens": 120, "completion_tokens": 15, "total_tokens": 135,
              "prompt_tokens_details": {"cached_tokens": 100}}})");
  json expected = json::parse(R"({
    "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-x",
    "content": [{"type": "text", "text": "Let me look."},
                {"type": "tool_use", "id": "call_9", "name": "get_weather",
                 "input": {"city": "Oslo"}}],
    "stop_reason": "tool_use", "stop_sequence": null,
    "usage": {"input_tokens": 20, "output_tokens": 15, "cache_read_input_tokens": 100}})");
  EXPECT_EQ(chat_response_to_messages(completion, minimal_request(), "msg_1"), expected);
  // The gateway's text translation writes what the document translation dumps, byte for byte.
  EXPECT_EQ(chat_response_to_messages_text(completion.dump(), minimal_request(), "msg_1"),
            expected.dump());
  EXPECT_THROW(chat_response_to_messages_text("{\"choices\": [", minimal_request(), "msg_1"),
               std::exception);
}

TEST(ChatResponseToMessages, omits_empty_text_and_keeps_unparsable_arguments_raw) {
  json completion = json::parse(R"({"model": "m", "choices": [{"finish_reason": "tool_calls",
    "message": {"content": "", "tool_calls": [
      {"function": {"name": "f", "arguments": "{\"a\": 1"}},
      {"id": "c2", "function": {"name": "g", "arguments": ""}}]}}]})");
  json message = chat_response_to_messages(completion, json::object(), "msg_2");
  json expected_content = json::parse(R"([
    {"type": "tool_use", "id": "toolu_msg_2_0", "name": "f",
     "input": {"_raw_arguments": "{\"a\": 1"}},
    {"type": "tool_use", "id": "c2", "name": "g", "input": {}}])");
  EXPECT_EQ(message["content"], expected_content);
  EXPECT_EQ(message["model"], "m");
  EXPECT_EQ(message["usage"], json({{"input_tokens", 0}, {"output_tokens", 0}}));
}

TEST(ChatResponseToMessages, maps_finish_reasons_to_stop_reasons) {
  json request = minimal_request();
  request["stop_sequences"] = {"END"};
  json tool_call_said_stop = json::parse(R"({"finish_reason": "stop",
    "message": {"tool_calls": [{"id": "c", "function": {"name": "f"}}]}})");
  struct Case {
    json choice;
    std::string stop_reason;
    json stop_sequence;
  };
  const std::vector<Case> cases = {
      {{{"finish_reason", "stop"}}, "end_turn", nullptr},
      {{{"finish_reason", "length"}}, "max_tokens", nullptr},
      {{{"finish_reason", "content_filter"}}, "refusal", nullptr},
      {{{"finish_reason", "tool_calls"}}, "tool_use", nullptr},
      // vLLM names the stop sequence it hit, or the stop token id.
      {{{"finish_reason", "stop"}, {"stop_reason", "END"}}, "stop_sequence", "END"},
      {{{"finish_reason", "stop"}, {"stop_reason", 128001}}, "end_turn", nullptr},
      // Some providers say "stop" after calling a tool; agents must still run it.
      {tool_call_said_stop, "tool_use", nullptr},
  };
  for (const auto& [choice, stop_reason, stop_sequence] : cases) {
    json message = chat_response_to_messages({{"choices", {choice}}}, request, "m");
    EXPECT_EQ(message["stop_reason"], stop_reason) << choice;
    EXPECT_EQ(message["stop_sequence"], stop_sequence) << choice;
  }
}

TEST(AnthropicMessageToChatMessage, joins_text_and_turns_tool_use_into_tool_calls) {
  json message = json::parse(R"({"content": [
    {"type": "thinking", "thinking": "hm", "signature": "s"},
    {"type": "text", "text": "A"}, {"type": "text", "text": "B"},
    {"type": "tool_use", "id": "t1", "name": "f", "input": {"q": "x"}}]})");
  json expected = json::parse(R"({"role": "assistant", "content": "AB", "tool_calls": [
    {"id": "t1", "type": "function", "function": {"name": "f", "arguments": "{\"q\":\"x\"}"}}]})");
  EXPECT_EQ(anthropic_message_to_chat_message(message), expected);
  EXPECT_EQ(anthropic_message_to_chat_message({{"content", json::array()}}),
            json({{"role", "assistant"}, {"content", nullptr}}));
}

std::string chunk_with_delta(const json& delta, const json& finish_reason = nullptr) {
  return json({{"id", "c"},
               {"model", "upstream"},
               {"choices", {{{"index", 0}, {"delta", delta}, {"finish_reason", finish_reason}}}}})
      .dump();
}

std::string tool_chunk(int index, const json& fields) {
  json call = fields;
  call["index"] = index;
  return chunk_with_delta({{"tool_calls", {call}}});
}

// A chat stream answering with text, then two tool calls, usage last, as OpenAI sends it.
std::vector<std::string> upstream_chunks() {
  return {
      chunk_with_delta({{"role", "assistant"}, {"content", ""}}),
      chunk_with_delta({{"content", "Checking "}}),
      chunk_with_delta({{"content", "Oslo ☀"}}),
      tool_chunk(0, {{"id", "call_a"},
                     {"type", "function"},
                     {"function", {{"name", "get_weather"}, {"arguments", ""}}}}),
      tool_chunk(0, {{"function", {{"arguments", "{\"city\":"}}}}),
      tool_chunk(0, {{"function", {{"arguments", "\"Oslo\"}"}}}}),
      tool_chunk(1, {{"id", "call_b"}, {"function", {{"name", "get_time"}, {"arguments", "{}"}}}}),
      chunk_with_delta(json::object(), "tool_calls"),
      R"({"id":"c","choices":[],"usage":{"prompt_tokens":50,"completion_tokens":9}})",
  };
}

std::string upstream_body() {
  std::string body;
  for (const auto& chunk : upstream_chunks()) body += "data: " + chunk + "\n\n";
  return body + "data: [DONE]\n\n";
}

TEST(MessagesStreamTranslator, sends_one_block_at_a_time_with_usage_at_the_end) {
  MessagesStreamTranslator translator(minimal_request(), "msg_s");
  std::string out;
  for (const auto& chunk : upstream_chunks()) out += translator.feed("data: " + chunk + "\n\n");
  out += translator.feed("data: [DONE]\n\n");
  EXPECT_TRUE(translator.finished());
  EXPECT_EQ(translator.finish(), "");  // the closing events went out with [DONE], once
  json expected = json::parse(R"([
    {"type": "message_start", "message": {
      "id": "msg_s", "type": "message", "role": "assistant", "model": "claude-x", "content": [],
      "stop_reason": null, "stop_sequence": null,
      "usage": {"input_tokens": 0, "output_tokens": 0}}},
    {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
    {"type": "content_block_delta", "index": 0,
     "delta": {"type": "text_delta", "text": "Checking "}},
    {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Oslo ☀"}},
    {"type": "content_block_stop", "index": 0},
    {"type": "content_block_start", "index": 1, "content_block": {
      "type": "tool_use", "id": "call_a", "name": "get_weather", "input": {}}},
    {"type": "content_block_delta", "index": 1,
     "delta": {"type": "input_json_delta", "partial_json": "{\"city\":"}},
    {"type": "content_block_delta", "index": 1,
     "delta": {"type": "input_json_delta", "partial_json": "\"Oslo\"}"}},
    {"type": "content_block_stop", "index": 1},
    {"type": "content_block_start", "index": 2, "content_block": {
      "type": "tool_use", "id": "call_b", "name": "get_time", "input": {}}},
    {"type": "content_block_delta", "index": 2,
     "delta": {"type": "input_json_delta", "partial_json": "{}"}},
    {"type": "content_block_stop", "index": 2},
    {"type": "message_delta", "delta": {"stop_reason": "tool_use", "stop_sequence": null},
     "usage": {"input_tokens": 50, "output_tokens": 9}},
    {"type": "message_stop"}])");
  EXPECT_EQ(json(typed_sse_events(out)), expected);
}

TEST(MessagesStreamTranslator, gives_the_same_bytes_whatever_the_split_and_the_unstreamed_message) {
  MessagesStreamTranslator by_chunk(minimal_request(), "msg_s");
  std::string chunked;
  for (const auto& chunk : upstream_chunks()) chunked += by_chunk.feed("data: " + chunk + "\n\n");
  chunked += by_chunk.feed("data: [DONE]\n\n") + by_chunk.finish();

  MessagesStreamTranslator by_byte(minimal_request(), "msg_s");
  std::string bytewise;
  for (char byte : upstream_body()) bytewise += by_byte.feed(std::string_view(&byte, 1));
  bytewise += by_byte.finish();

  EXPECT_EQ(bytewise, chunked);
  EXPECT_EQ(by_byte.message(), by_chunk.message());
  EXPECT_EQ(assemble_messages_stream(bytewise), by_byte.message());

  json whole = json::parse(R"({"model": "upstream", "choices": [{"finish_reason": "tool_calls",
    "message": {"content": "Checking Oslo ☀", "tool_calls": [
      {"id": "call_a", "function": {"name": "get_weather", "arguments": "{\"city\":\"Oslo\"}"}},
      {"id": "call_b", "function": {"name": "get_time", "arguments": "{}"}}]}}],
    "usage": {"prompt_tokens": 50, "completion_tokens": 9}})");
  EXPECT_EQ(by_byte.message(), chat_response_to_messages(whole, minimal_request(), "msg_s"));
}

TEST(MessagesStreamTranslator, turns_an_upstream_error_mid_stream_into_an_error_event) {
  MessagesStreamTranslator translator(minimal_request(), "msg_e");
  std::string out =
      translator.feed("data: " + chunk_with_delta({{"content", "Hel"}}) + "\n\n" +
                      R"(data: {"error":{"message":"upstream overloaded","type":"server_error"}})" +
                      "\n\n" + "data: " + chunk_with_delta({{"content", "lo"}}) + "\n\n");
  std::vector<json> events = typed_sse_events(out);
  ASSERT_EQ(events.size(), 4u);  // message_start, block start, one delta, the error
  EXPECT_EQ(events.back(), json::parse(R"({"type": "error",
    "error": {"type": "api_error", "message": "upstream overloaded"}})"));
  EXPECT_TRUE(translator.finished());
  EXPECT_EQ(translator.finish(), "");
  EXPECT_EQ(translator.fail("later"), "");
  EXPECT_EQ(translator.message()["content"][0]["text"], "Hel");
}

TEST(MessagesStreamTranslator, fails_once_and_reports_an_empty_upstream_as_an_error) {
  MessagesStreamTranslator cut(minimal_request(), "msg_f");
  cut.feed("data: " + chunk_with_delta({{"content", "x"}}) + "\n\n");
  EXPECT_EQ(typed_sse_events(cut.fail("connection reset")).back(), json::parse(R"({"type": "error",
              "error": {"type": "api_error", "message": "connection reset"}})"));
  EXPECT_EQ(cut.fail("again"), "");

  MessagesStreamTranslator empty(minimal_request(), "msg_f");
  std::vector<json> events = typed_sse_events(empty.feed("data: [DONE]\n\n"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["type"], "error");
}

TEST(MessagesStreamTranslator, closes_at_the_end_of_a_body_without_done) {
  MessagesStreamTranslator translator(minimal_request(), "msg_n");
  std::string out = translator.feed("data: " + chunk_with_delta({{"content", "ok"}}, "length"));
  out += translator.finish();  // the event's blank line never came
  std::vector<json> events = typed_sse_events(out);
  ASSERT_EQ(events.size(), 6u);
  EXPECT_EQ(events[4]["delta"]["stop_reason"], "max_tokens");
  EXPECT_EQ(events[5]["type"], "message_stop");
  EXPECT_EQ(assemble_messages_stream(out), translator.message());
}

// A native Anthropic stream: each event's JSON on one `data:` line.
std::string native_stream(const char* events) {
  std::string sse;
  for (const json& event : json::parse(events)) {
    sse += sse_event(event["type"].get<std::string>(), event.dump());
  }
  return sse;
}

TEST(AssembleMessagesStream, rebuilds_a_native_stream_with_thinking_and_split_tool_input) {
  std::string sse = native_stream(R"([
    {"type": "message_start", "message": {
      "id": "msg_n", "type": "message", "role": "assistant", "model": "claude-x", "content": [],
      "stop_reason": null, "stop_sequence": null,
      "usage": {"input_tokens": 12, "output_tokens": 1}}},
    {"type": "content_block_start", "index": 0,
     "content_block": {"type": "thinking", "thinking": "", "signature": ""}},
    {"type": "content_block_delta", "index": 0,
     "delta": {"type": "thinking_delta", "thinking": "Hmm."}},
    {"type": "content_block_delta", "index": 0,
     "delta": {"type": "signature_delta", "signature": "sig"}},
    {"type": "content_block_stop", "index": 0},
    {"type": "ping"},
    {"type": "content_block_start", "index": 1,
     "content_block": {"type": "tool_use", "id": "t", "name": "f", "input": {}}},
    {"type": "content_block_delta", "index": 1,
     "delta": {"type": "input_json_delta", "partial_json": "{\"a\":"}},
    {"type": "content_block_delta", "index": 1,
     "delta": {"type": "input_json_delta", "partial_json": "[1]}"}},
    {"type": "content_block_stop", "index": 1},
    {"type": "message_delta", "delta": {"stop_reason": "tool_use", "stop_sequence": null},
     "usage": {"output_tokens": 30}},
    {"type": "message_stop"}])");
  json expected = json::parse(R"({
    "id": "msg_n", "type": "message", "role": "assistant", "model": "claude-x",
    "content": [{"type": "thinking", "thinking": "Hmm.", "signature": "sig"},
                {"type": "tool_use", "id": "t", "name": "f", "input": {"a": [1]}}],
    "stop_reason": "tool_use", "stop_sequence": null,
    "usage": {"input_tokens": 12, "output_tokens": 30}})");
  EXPECT_EQ(assemble_messages_stream(sse), expected);
}

TEST(AssembleMessagesStream, is_empty_without_message_start) {
  EXPECT_EQ(assemble_messages_stream("event: ping\ndata: {\"type\":\"ping\"}\n\n"), json::object());
  EXPECT_EQ(assemble_messages_stream("not sse at all"), json::object());
}

}  // namespace
}  // namespace reinforge::protocols
