#include "protocols/responses_translation.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "typed_sse_events.hpp"

using namespace reinforge::protocols;
using nlohmann::json;
using reinforge::testing::typed_sse_events;

namespace {

// The field a TranslationError names, or "" when the call succeeded.
template <typename Call>
std::string refused_field(Call call) {
  try {
    call();
  } catch (const TranslationError& error) {
    return error.field;
  }
  return "";
}

std::string refused_message(const json& request) {
  try {
    responses_request_to_chat(request, json::array());
  } catch (const TranslationError& error) {
    return error.what();
  }
  return "";
}

std::vector<std::string> types_of(const std::vector<json>& events) {
  std::vector<std::string> types;
  for (const json& event : events) types.push_back(event["type"]);
  return types;
}

// Rebuilds the Response from the events the way the openai SDK's ResponseStream does, failing
// where the SDK would throw (an item or part not appended at the next index, a delta for a part
// of another type, a first event other than response.created).
json accumulate_like_sdk(const std::vector<json>& events) {
  json snapshot;
  for (const json& event : events) {
    std::string type = event["type"];
    if (snapshot.is_null()) {
      EXPECT_EQ(type, "response.created");
      snapshot = event["response"];
      continue;
    }
    if (type == "error") break;
    if (type.rfind("response.", 0) == 0 && event.contains("response")) {
      snapshot = event["response"];
    } else if (type == "response.output_item.added") {
      EXPECT_EQ(event["output_index"], snapshot["output"].size());
      snapshot["output"].push_back(event["item"]);
    } else if (type == "response.output_item.done") {
      snapshot["output"].at(event["output_index"].get<size_t>()) = event["item"];
    } else if (type == "response.content_part.added") {
      json& item = snapshot["output"].at(event["output_index"].get<size_t>());
      EXPECT_EQ(item["type"], "message");
      EXPECT_EQ(event["content_index"], item["content"].size());
      item["content"].push_back(event["part"]);
    } else if (type == "response.output_text.delta" || type == "response.refusal.delta") {
      json& item = snapshot["output"].at(event["output_index"].get<size_t>());
      json& part = item["content"].at(event["content_index"].get<size_t>());
      bool text = type == "response.output_text.delta";
      EXPECT_EQ(part["type"], text ? "output_text" : "refusal");
      part[text ? "text" : "refusal"] =
          part[text ? "text" : "refusal"].get<std::string>() + event["delta"].get<std::string>();
    } else if (type == "response.function_call_arguments.delta") {
      json& item = snapshot["output"].at(event["output_index"].get<size_t>());
      EXPECT_EQ(item["type"], "function_call");
      item["arguments"] = item["arguments"].get<std::string>() + event["delta"].get<std::string>();
    }
  }
  return snapshot;
}

std::string data_line(const json& chunk) {
  return "data: " + chunk.dump() + "\n\n";
}

json text_chunk(const std::string& text) {
  return {{"id", "chatcmpl-1"},
          {"model", "upstream-model"},
          {"choices", {{{"index", 0}, {"delta", {{"content", text}}}}}}};
}

json tool_chunk(int index, const json& function, const std::string& id = "") {
  json call = {{"index", index}, {"function", function}};
  if (!id.empty()) call["id"] = id;
  return {{"choices", {{{"index", 0}, {"delta", {{"tool_calls", {call}}}}}}}};
}

json finish_chunk(const std::string& reason) {
  return {{"choices", {{{"index", 0}, {"delta", json::object()}, {"finish_reason", reason}}}}};
}

json usage_chunk() {
  return {{"choices", json::array()},
          {"usage",
           {{"prompt_tokens", 12},
            {"completion_tokens", 7},
            {"total_tokens", 19},
            {"prompt_tokens_details", {{"cached_tokens", 4}}}}}};
}

// A chat stream answering with text and two tool calls, as its SSE events one by one.
std::vector<std::string> text_and_tools_stream() {
  return {
      data_line(
          {{"id", "chatcmpl-1"},
           {"model", "upstream-model"},
           {"choices", {{{"index", 0}, {"delta", {{"role", "assistant"}, {"content", ""}}}}}}}),
      data_line(text_chunk("Let me ")),
      ": keep-alive\n\n",
      data_line(text_chunk("check. Ünïcödé ✓")),
      data_line(tool_chunk(0, {{"name", "get_weather"}, {"arguments", ""}}, "call_a")),
      data_line(tool_chunk(0, {{"arguments", "{\"city\":"}})),
      data_line(tool_chunk(1, {{"name", "get_time"}, {"arguments", "{}"}}, "call_b")),
      data_line(tool_chunk(0, {{"arguments", "\"Paris\"}"}})),
      data_line(finish_chunk("tool_calls")),
      data_line(usage_chunk()),
      "data: [DONE]\n\n",
  };
}

// The same answer unstreamed.
json text_and_tools_completion() {
  return json::parse(R"({
    "id": "chatcmpl-1", "object": "chat.completion", "model": "upstream-model",
    "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
      "role": "assistant", "content": "Let me check. Ünïcödé ✓",
      "tool_calls": [
        {"id": "call_a", "type": "function",
         "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}},
        {"id": "call_b", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}
      ]}}],
    "usage": {"prompt_tokens": 12, "completion_tokens": 7, "total_tokens": 19,
              "prompt_tokens_details": {"cached_tokens": 4}}
  })");
}

json weather_request() {
  return json::parse(R"({
    "model": "gpt-4.1", "instructions": "Answer briefly.", "input": "Weather in Paris?",
    "stream": true,
    "tools": [{"type": "function", "name": "get_weather", "parameters": {"type": "object"}},
              {"type": "function", "name": "get_time"}],
    "metadata": {"team": "a"}
  })");
}

}  // namespace

// ---- requests ----

TEST(ResponsesRequest, puts_instructions_first_and_string_input_as_a_user_message) {
  json request = json::parse(R"({
    "model": "gpt-4.1", "instructions": "Be brief.", "input": "Hello?",
    "max_output_tokens": 50, "temperature": 0.2, "top_p": 0.9, "user": "u-1", "stream": true,
    "store": false, "metadata": {"k": "v"}, "reasoning": {"effort": "high"},
    "include": ["reasoning.encrypted_content"], "truncation": "auto", "parallel_tool_calls": false
  })");
  json expected = json::parse(R"({
    "model": "gpt-4.1",
    "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello?"}],
    "max_tokens": 50, "temperature": 0.2, "top_p": 0.9, "user": "u-1",
    "stream": true, "stream_options": {"include_usage": true}
  })");
  EXPECT_EQ(responses_request_to_chat(request, json::array()), expected);
  EXPECT_EQ(responses_input_to_messages(request), expected["messages"]);
}

TEST(ResponsesRequest, replays_a_function_call_round_trip_after_the_previous_conversation) {
  json request = json::parse(R"({
    "model": "m", "instructions": "New instructions.",
    "input": [
      {"role": "developer", "content": "Use metric units."},
      {"type": "message", "role": "user", "content": [
        {"type": "input_text", "text": "What is this city?"},
        {"type": "input_image", "image_url": "https://example.com/a.png", "detail": "low"}]},
      {"type": "reasoning", "id": "rs_1", "summary": []},
      {"type": "message", "role": "assistant", "id": "msg_1", "status": "completed",
       "content": [{"type": "output_text", "text": "Looking it up.", "annotations": []}]},
      {"type": "function_call", "call_id": "call_1", "name": "lookup", "arguments": "{\"q\":1}"},
      {"type": "function_call", "call_id": "call_2", "name": "weather", "arguments": "{}"},
      {"type": "function_call_output", "call_id": "call_1", "output": "Paris"},
      {"type": "function_call_output", "call_id": "call_2",
       "output": [{"type": "input_text", "text": "18 C"}]},
      {"type": "function_call", "call_id": "call_3", "name": "lookup", "arguments": "{}"}
    ]
  })");
  json previous = json::parse(R"([
    {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}])");
  json messages = responses_request_to_chat(request, previous)["messages"];
  json expected = json::parse(R"([
    {"role": "system", "content": "New instructions."},
    {"role": "user", "content": "Hi"},
    {"role": "assistant", "content": "Hello!"},
    {"role": "system", "content": "Use metric units."},
    {"role": "user", "content": [
      {"type": "text", "text": "What is this city?"},
      {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "low"}}]},
    {"role": "assistant", "content": "Looking it up.", "tool_calls": [
      {"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": "{\"q\":1}"}},
      {"id": "call_2", "type": "function", "function": {"name": "weather", "arguments": "{}"}}]},
    {"role": "tool", "tool_call_id": "call_1", "content": "Paris"},
    {"role": "tool", "tool_call_id": "call_2", "content": "18 C"},
    {"role": "assistant", "content": null, "tool_calls": [
      {"id": "call_3", "type": "function", "function": {"name": "lookup", "arguments": "{}"}}]}
  ])");
  EXPECT_EQ(messages, expected);
}

TEST(ResponsesRequest, maps_function_tools_tool_choice_and_text_format) {
  json request = json::parse(R"({
    "model": "m", "input": "x", "parallel_tool_calls": false,
    "tools": [{"type": "function", "name": "f", "description": "Does f",
               "parameters": {"type": "object", "properties": {}}, "strict": true}],
    "tool_choice": {"type": "function", "name": "f"},
    "text": {"format": {"type": "json_schema", "name": "answer", "strict": true,
                        "schema": {"type": "object"}}}
  })");
  json chat = responses_request_to_chat(request, json::array());
  EXPECT_EQ(chat["tools"], json::parse(R"([{"type": "function", "function": {
    "name": "f", "description": "Does f", "parameters": {"type": "object", "properties": {}},
    "strict": true}}])"));
  EXPECT_EQ(chat["tool_choice"], json::parse(R"({"type": "function", "function": {"name": "f"}})"));
  EXPECT_EQ(chat["parallel_tool_calls"], false);
  EXPECT_EQ(chat["response_format"], json::parse(R"({"type": "json_schema", "json_schema":
    {"name": "answer", "strict": true, "schema": {"type": "object"}}})"));

  for (const char* choice : {"auto", "none", "required"}) {
    request["tool_choice"] = choice;
    EXPECT_EQ(responses_request_to_chat(request, json::array())["tool_choice"], choice);
  }
  request["text"] = {{"format", {{"type", "json_object"}}}};
  EXPECT_EQ(responses_request_to_chat(request, json::array())["response_format"],
            json::parse(R"({"type": "json_object"})"));
  request["text"] = {{"format", {{"type", "text"}}}};
  EXPECT_FALSE(responses_request_to_chat(request, json::array()).contains("response_format"));
}

TEST(ResponsesRequest, refuses_every_built_in_tool_naming_its_field) {
  for (const char* type :
       {"web_search", "web_search_preview", "web_search_preview_2025_03_11", "file_search",
        "computer_use_preview", "code_interpreter", "image_generation", "mcp", "local_shell"}) {
    json request = {{"model", "m"},
                    {"input", "x"},
                    {"tools", {{{"type", "function"}, {"name", "f"}}, {{"type", type}}}}};
    EXPECT_EQ(refused_field([&] { responses_request_to_chat(request, json::array()); }),
              "tools[1].type")
        << type;
    EXPECT_NE(refused_message(request).find("built-in tool"), std::string::npos) << type;

    json choice = {{"model", "m"}, {"input", "x"}, {"tool_choice", {{"type", type}}}};
    EXPECT_EQ(refused_field([&] { responses_request_to_chat(choice, json::array()); }),
              "tool_choice.type")
        << type;
  }
}

TEST(ResponsesRequest, refuses_what_a_chat_provider_cannot_do_naming_the_field) {
  struct Case {
    const char* request;
    const char* field;
  };
  const Case cases[] = {
      {R"({"input": [{"role": "user", "content": "a"}, {"type": "item_reference", "id": "msg_1"}]})",
       "input[1].type"},
      {R"({"input": [{"type": "web_search_call", "id": "ws_1"}]})", "input[0].type"},
      {R"({"input": [{"type": "computer_call_output", "call_id": "c"}]})", "input[0].type"},
      {R"({"input": [{"content": "no role, no type"}]})", "input[0].type"},
      {R"({"input": [{"role": "user", "content": [{"type": "input_text", "text": "a"},
           {"type": "input_image", "file_id": "file-1"}]}]})",
       "input[0].content[1].file_id"},
      {R"({"input": [{"role": "user", "content": [{"type": "input_audio"}]}]})",
       "input[0].content[0].type"},
      {R"({"input": [{"role": "system", "content": [{"type": "input_image", "image_url": "u"}]}]})",
       "input[0].content[0].type"},
      {R"({"input": [{"role": "tool", "content": "a"}]})", "input[0].role"},
      {R"({"input": [{"type": "function_call", "name": "f", "arguments": "{}"}]})",
       "input[0].call_id"},
      {R"({"input": [{"type": "function_call_output", "call_id": "c",
           "output": [{"type": "input_image", "image_url": "u"}]}]})",
       "input[0].output[0].type"},
      {R"({"input": 42})", "input"},
      {R"({"input": "x", "tools": [{"type": "function"}]})", "tools[0].name"},
      {R"({"input": "x", "tools": [{"type": "custom", "name": "c"}]})", "tools[0].type"},
      {R"({"input": "x", "text": {"format": {"type": "grammar"}}})", "text.format.type"},
      {R"({"input": "x", "tool_choice": "sometimes"})", "tool_choice"},
      {R"({"input": "x", "prompt": {"id": "pmpt_1"}})", "prompt"},
      {R"({"input": "x", "background": true})", "background"},
  };
  for (const Case& test : cases) {
    json request = json::parse(test.request);
    EXPECT_EQ(refused_field([&] { responses_request_to_chat(request, json::array()); }), test.field)
        << test.request;
  }
}

TEST(ResponsesRequest, drops_parallel_tool_calls_without_tools_and_ignores_reasoning) {
  json chat = responses_request_to_chat(
      json::parse(R"({"model": "m", "input": "x", "parallel_tool_calls": true,
                      "reasoning": {"effort": "low"}, "stream": false})"),
      json::array());
  EXPECT_EQ(chat, json::parse(R"({"model": "m", "messages": [{"role": "user", "content": "x"}]})"));
}

// ---- whole answers ----

TEST(ResponsesAnswer, translates_text_and_a_tool_call_to_the_exact_response) {
  json chat = json::parse(R"({
    "id": "chatcmpl-9", "object": "chat.completion", "model": "upstream-model",
    "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
      "role": "assistant", "content": "Checking.",
      "tool_calls": [{"id": "call_7", "type": "function",
                      "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]}}],
    "usage": {"prompt_tokens": 20, "completion_tokens": 9, "total_tokens": 29,
              "completion_tokens_details": {"reasoning_tokens": 3}}
  })");
  json request = json::parse(R"({"model": "gpt-4.1", "instructions": "Be brief.",
    "input": "Weather?", "temperature": 0.5,
    "tools": [{"type": "function", "name": "get_weather"}], "previous_response_id": "resp_0"})");
  json expected = json::parse(R"({
    "id": "resp_abc", "object": "response", "created_at": 1700000000, "status": "completed",
    "error": null, "incomplete_details": null, "instructions": "Be brief.",
    "max_output_tokens": null, "metadata": {}, "model": "upstream-model",
    "output": [
      {"type": "message", "id": "msg_abc", "status": "completed", "role": "assistant",
       "content": [{"type": "output_text", "text": "Checking.", "annotations": []}]},
      {"type": "function_call", "id": "fc_abc_0", "call_id": "call_7", "name": "get_weather",
       "arguments": "{\"city\":\"Paris\"}", "status": "completed"}
    ],
    "parallel_tool_calls": true, "previous_response_id": "resp_0", "store": true,
    "temperature": 0.5, "text": {"format": {"type": "text"}}, "tool_choice": "auto",
    "tools": [{"type": "function", "name": "get_weather"}], "top_p": null,
    "truncation": "disabled", "user": null,
    "usage": {"input_tokens": 20, "input_tokens_details": {"cached_tokens": 0},
              "output_tokens": 9, "output_tokens_details": {"reasoning_tokens": 3},
              "total_tokens": 29}
  })");
  EXPECT_EQ(chat_response_to_responses(chat, request, "resp_abc", 1700000000), expected);
}

TEST(ResponsesAnswer, is_incomplete_when_the_answer_hit_the_token_limit) {
  json chat = json::parse(R"({"model": "m", "choices": [{"index": 0, "finish_reason": "length",
    "message": {"role": "assistant", "content": "Once upon a"}}]})");
  json response = chat_response_to_responses(chat, {{"max_output_tokens", 3}}, "resp_1", 1);
  EXPECT_EQ(response["status"], "incomplete");
  EXPECT_EQ(response["incomplete_details"], json::parse(R"({"reason": "max_output_tokens"})"));
  EXPECT_EQ(response["output"][0]["status"], "incomplete");
  EXPECT_EQ(response["max_output_tokens"], 3);
  EXPECT_TRUE(response["usage"].is_null());

  chat["choices"][0]["finish_reason"] = "content_filter";
  response = chat_response_to_responses(chat, json::object(), "resp_1", 1);
  EXPECT_EQ(response["incomplete_details"], json::parse(R"({"reason": "content_filter"})"));
}

TEST(ResponsesAnswer, gives_a_refusal_as_a_refusal_part_and_no_message_without_text) {
  json chat = json::parse(R"({"choices": [{"index": 0, "finish_reason": "stop",
    "message": {"role": "assistant", "content": null, "refusal": "I can't help with that."}}]})");
  json response = chat_response_to_responses(chat, json::object(), "resp_1", 1);
  EXPECT_EQ(response["output"][0]["content"],
            json::parse(R"([{"type": "refusal", "refusal": "I can't help with that."}])"));

  chat["choices"][0]["message"] = {{"role", "assistant"}, {"content", ""}};
  EXPECT_EQ(chat_response_to_responses(chat, json::object(), "resp_1", 1)["output"], json::array());
}

TEST(ResponsesAnswer, output_reads_back_as_the_chat_message_it_came_from) {
  json chat = text_and_tools_completion();
  json response = chat_response_to_responses(chat, json::object(), "resp_x", 1);
  EXPECT_EQ(responses_output_to_message(response), chat["choices"][0]["message"]);

  json tools_only = json::parse(R"({"output": [{"type": "function_call", "id": "fc_1",
    "call_id": "call_1", "name": "f", "arguments": "{}", "status": "completed"}]})");
  EXPECT_EQ(responses_output_to_message(tools_only), json::parse(R"({"role": "assistant",
    "content": null, "tool_calls": [{"id": "call_1", "type": "function",
    "function": {"name": "f", "arguments": "{}"}}]})"));
}

// ---- streams ----

TEST(ResponsesStream, gives_the_same_bytes_however_the_upstream_is_split) {
  std::string whole;
  ResponsesStreamTranslator by_event(weather_request(), "resp_abc", 1700000000);
  std::string by_event_out;
  for (const std::string& event : text_and_tools_stream()) {
    whole += event;
    by_event_out += by_event.feed(event);
  }
  by_event_out += by_event.finish();

  ResponsesStreamTranslator by_byte(weather_request(), "resp_abc", 1700000000);
  std::string by_byte_out;
  for (char byte : whole) by_byte_out += by_byte.feed(std::string_view(&byte, 1));
  by_byte_out += by_byte.finish();

  EXPECT_EQ(by_byte_out, by_event_out);
  EXPECT_TRUE(by_byte.finished());
}

TEST(ResponsesStream, sends_the_semantic_events_in_order_and_ends_with_the_whole_response) {
  ResponsesStreamTranslator translator(weather_request(), "resp_abc", 1700000000);
  std::string out;
  for (const std::string& event : text_and_tools_stream()) out += translator.feed(event);
  out += translator.finish();
  std::vector<json> events = typed_sse_events(out);

  EXPECT_EQ(types_of(events), (std::vector<std::string>{
                                  "response.created",
                                  "response.in_progress",
                                  "response.output_item.added",
                                  "response.content_part.added",
                                  "response.output_text.delta",
                                  "response.output_text.delta",
                                  "response.output_item.added",
                                  "response.function_call_arguments.delta",
                                  "response.output_item.added",
                                  "response.function_call_arguments.delta",
                                  "response.function_call_arguments.delta",
                                  "response.output_text.done",
                                  "response.content_part.done",
                                  "response.output_item.done",
                                  "response.function_call_arguments.done",
                                  "response.output_item.done",
                                  "response.function_call_arguments.done",
                                  "response.output_item.done",
                                  "response.completed",
                              }));
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i]["sequence_number"], i);

  EXPECT_EQ(events[0]["response"]["status"], "in_progress");
  EXPECT_EQ(events[0]["response"]["output"], json::array());
  EXPECT_EQ(events[2]["item"], json::parse(R"({"type": "message", "id": "msg_abc",
    "status": "in_progress", "role": "assistant", "content": []})"));
  EXPECT_EQ(events[4]["delta"], "Let me ");
  EXPECT_EQ(events[4]["item_id"], "msg_abc");
  EXPECT_EQ(events[6]["item"], json::parse(R"({"type": "function_call", "id": "fc_abc_0",
    "call_id": "call_a", "name": "get_weather", "arguments": "", "status": "in_progress"})"));
  EXPECT_EQ(events[8]["output_index"], 2);
  EXPECT_EQ(events[11]["text"], "Let me check. Ünïcödé ✓");
  EXPECT_EQ(events[14]["arguments"], "{\"city\":\"Paris\"}");

  const json& completed = events.back()["response"];
  EXPECT_EQ(completed, translator.response());
  EXPECT_EQ(completed.dump(), translator.response_text());
  EXPECT_EQ(completed, assemble_responses_stream(out));
  EXPECT_EQ(completed, accumulate_like_sdk(events));
  EXPECT_EQ(completed["usage"]["total_tokens"], 19);
  EXPECT_EQ(completed["usage"]["input_tokens_details"]["cached_tokens"], 4);
  EXPECT_EQ(completed["metadata"], json::parse(R"({"team": "a"})"));
  // Streamed or not, the caller gets the same Response.
  EXPECT_EQ(completed, chat_response_to_responses(text_and_tools_completion(), weather_request(),
                                                  "resp_abc", 1700000000));
}

TEST(ResponsesAnswer, the_text_translation_writes_the_document_translation_byte_for_byte) {
  std::string text = chat_response_to_responses_text(text_and_tools_completion().dump(),
                                                     weather_request(), "resp_abc", 1700000000);
  EXPECT_EQ(text, chat_response_to_responses(text_and_tools_completion(), weather_request(),
                                             "resp_abc", 1700000000)
                      .dump());
  EXPECT_THROW(chat_response_to_responses_text("<html>", weather_request(), "resp_abc", 1),
               std::exception);
}

TEST(ResponsesAnswer, keeps_the_message_of_a_completed_response_only) {
  std::string completed = chat_response_to_responses_text(text_and_tools_completion().dump(),
                                                          weather_request(), "resp_abc", 1);
  auto message = completed_response_message(completed);
  ASSERT_TRUE(message);
  EXPECT_EQ(*message, responses_output_to_message(json::parse(completed)).dump());
  EXPECT_EQ(json::parse(*message)["tool_calls"][1]["id"], "call_b");

  json cut = text_and_tools_completion();
  cut["choices"][0]["finish_reason"] = "length";
  EXPECT_FALSE(completed_response_message(
      chat_response_to_responses_text(cut.dump(), weather_request(), "resp_abc", 1)));
  EXPECT_FALSE(completed_response_message("not json"));
}

TEST(ResponsesStream, the_sdk_rebuilds_the_response_before_it_completes) {
  ResponsesStreamTranslator translator(weather_request(), "resp_abc", 1);
  std::string out;
  for (const std::string& event : text_and_tools_stream()) out += translator.feed(event);
  std::vector<json> events = typed_sse_events(out);
  events.pop_back();  // without response.completed, the SDK's snapshot is all it has
  json snapshot = accumulate_like_sdk(events);
  EXPECT_EQ(snapshot["output"], translator.response()["output"]);
}

TEST(ResponsesStream, waits_for_the_usage_before_completing) {
  ResponsesStreamTranslator translator(json::object(), "resp_1", 1);
  std::string out = translator.feed(data_line(text_chunk("Hi")) + data_line(finish_chunk("stop")));
  EXPECT_NE(out.find("response.output_item.done"), std::string::npos);
  EXPECT_EQ(out.find("response.completed"), std::string::npos);
  EXPECT_FALSE(translator.finished());

  out = translator.feed(data_line(usage_chunk()));
  std::vector<json> events = typed_sse_events(out);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["type"], "response.completed");
  EXPECT_EQ(events[0]["response"]["usage"]["input_tokens"], 12);
  EXPECT_EQ(events[0]["response"]["model"], "upstream-model");
  EXPECT_EQ(translator.feed("data: [DONE]\n\n"), "");
  EXPECT_EQ(translator.finish(), "");
}

TEST(ResponsesStream, completes_at_done_or_end_of_body_when_no_usage_comes) {
  for (const char* ending : {"data: [DONE]\n\n", ""}) {
    ResponsesStreamTranslator translator(json::object(), "resp_1", 1);
    std::string out =
        translator.feed(data_line(text_chunk("Hi")) + data_line(finish_chunk("stop")) + ending);
    out += translator.finish();
    std::vector<json> events = typed_sse_events(out);
    EXPECT_EQ(events.back()["type"], "response.completed");
    EXPECT_TRUE(events.back()["response"]["usage"].is_null());
    EXPECT_EQ(responses_output_to_message(translator.response())["content"], "Hi");
  }
}

TEST(ResponsesStream, ends_incomplete_when_the_answer_hit_the_token_limit) {
  ResponsesStreamTranslator translator({{"max_output_tokens", 2}}, "resp_1", 1);
  std::string out = translator.feed(data_line(text_chunk("Once")) +
                                    data_line(finish_chunk("length")) + data_line(usage_chunk()));
  std::vector<json> events = typed_sse_events(out);
  EXPECT_EQ(events.back()["type"], "response.incomplete");
  EXPECT_EQ(events.back()["response"]["status"], "incomplete");
  EXPECT_EQ(events.back()["response"]["incomplete_details"]["reason"], "max_output_tokens");
  EXPECT_EQ(events.back()["response"], assemble_responses_stream(out));
}

TEST(ResponsesStream, streams_a_refusal_as_a_refusal_part) {
  json refusal = {{"choices", {{{"index", 0}, {"delta", {{"refusal", "I can't."}}}}}}};
  ResponsesStreamTranslator translator(json::object(), "resp_1", 1);
  std::string out =
      translator.feed(data_line(refusal) + data_line(finish_chunk("stop")) + "data: [DONE]\n\n");
  std::vector<json> events = typed_sse_events(out);
  EXPECT_EQ(types_of(events)[4], "response.refusal.delta");
  EXPECT_EQ(events.back()["response"]["output"][0]["content"],
            json::parse(R"([{"type": "refusal", "refusal": "I can't."}])"));
  EXPECT_EQ(accumulate_like_sdk(events), events.back()["response"]);
}

TEST(ResponsesStream, turns_an_upstream_error_mid_stream_into_error_and_response_failed) {
  ResponsesStreamTranslator translator(json::object(), "resp_1", 1);
  std::string out = translator.feed(data_line(text_chunk("Par")));
  out += translator.feed(
      "data: {\"error\":{\"message\":\"model overloaded\",\"code\":\"overloaded\"}}\n\n");
  std::vector<json> events = typed_sse_events(out);
  ASSERT_GE(events.size(), 2u);
  const json& error = events[events.size() - 2];
  EXPECT_EQ(error["type"], "error");
  EXPECT_EQ(error["code"], "overloaded");
  EXPECT_EQ(error["message"], "model overloaded");
  const json& failed = events.back();
  EXPECT_EQ(failed["type"], "response.failed");
  EXPECT_EQ(failed["response"]["status"], "failed");
  EXPECT_EQ(failed["response"]["error"],
            json::parse(R"({"code": "server_error", "message": "model overloaded"})"));
  // What arrived before the error stays in the failed Response.
  EXPECT_EQ(failed["response"]["output"][0]["content"][0]["text"], "Par");
  EXPECT_EQ(failed["response"], translator.response());
  EXPECT_EQ(failed["response"], assemble_responses_stream(out));
  for (size_t i = 1; i < events.size(); ++i) {
    EXPECT_GT(events[i]["sequence_number"], events[i - 1]["sequence_number"]);
  }
  EXPECT_TRUE(translator.finished());
  EXPECT_EQ(translator.feed(data_line(text_chunk("more"))), "");
  EXPECT_EQ(translator.finish(), "");
}

TEST(ResponsesStream, fails_when_the_upstream_breaks_off_or_ends_before_finishing) {
  ResponsesStreamTranslator broken(json::object(), "resp_1", 1);
  std::string out = broken.feed(data_line(text_chunk("Hel")));
  out += broken.fail("connection reset by the provider");
  std::vector<json> events = typed_sse_events(out);
  EXPECT_EQ(events[events.size() - 2]["message"], "connection reset by the provider");
  EXPECT_EQ(events.back()["type"], "response.failed");
  EXPECT_EQ(broken.fail("again"), "");

  ResponsesStreamTranslator cut(json::object(), "resp_1", 1);
  out = cut.feed(data_line(text_chunk("Hel")) + "data: {\"choices\":[{\"ind");
  out += cut.finish();
  events = typed_sse_events(out);
  EXPECT_EQ(events.back()["type"], "response.failed");
  EXPECT_EQ(events.back()["response"]["status"], "failed");

  ResponsesStreamTranslator silent(json::object(), "resp_1", 1);
  events = typed_sse_events(silent.fail("upstream returned 502"));
  EXPECT_EQ(types_of(events), (std::vector<std::string>{"response.created", "response.in_progress",
                                                        "error", "response.failed"}));
}

TEST(ResponsesStream, assembles_nothing_from_a_stream_without_a_final_event) {
  EXPECT_EQ(assemble_responses_stream(""), json::object());
  EXPECT_EQ(assemble_responses_stream("event: response.created\ndata: {\"type\":"
                                      "\"response.created\",\"response\":{\"id\":\"r\"}}\n\n"),
            json::object());
  EXPECT_EQ(assemble_responses_stream("data: not json\n\n"), json::object());
}

TEST(ResponsesStream, fails_on_a_line_that_is_not_json_and_keeps_the_response_writable) {
  ResponsesStreamTranslator translator(json::object(), "resp_1", 1);
  std::string out = translator.feed("data: <html>Bad Gateway \xff\xfe</html>\n\n");
  std::vector<json> events = typed_sse_events(out);
  EXPECT_EQ(events.back()["type"], "response.failed");
  std::string message = translator.response()["error"]["message"];
  EXPECT_NE(message.find("not a JSON object: <html>Bad Gateway"), std::string::npos);
  EXPECT_NO_THROW(translator.response().dump());  // the strict dump throws on invalid UTF-8
  EXPECT_EQ(events.back()["response"], translator.response());
}
