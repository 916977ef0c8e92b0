#pragma once
// The pieces of a Response object that the whole-answer translation (responses_translation.cpp)
// and the stream translation (responses_stream_translation.cpp) must write identically, so that
// a streamed call ends with the same Response as the same call unstreamed. Both write JSON text
// straight into strings, keys in the sorted order nlohmann::json::dump used. Internal to
// protocols.
#include <array>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/json_members.hpp"
#include "protocols/upstream_json.hpp"

namespace reinforge::protocols::responses_detail {

// choices[0] of a chat completion or chunk (the choice with index 0 when they say); nullopt when
// there is none. Other choices (n > 1) have no place in a Response.
std::optional<JsonElement> first_choice(JsonElement chat);

// JSON text for the caller; invalid UTF-8 (only possible in messages we were handed) is replaced
// rather than thrown on, since a half-written stream cannot be taken back.
std::string json_text(const nlohmann::json& value);

// Item ids derived from the response id ("resp_abc" -> "msg_abc", "fc_abc_0"), so that a
// response translated twice names its items the same way.
std::string message_item_id(std::string_view response_id);
std::string function_call_item_id(std::string_view response_id, size_t ordinal);
// The call_id for a chat tool call that came without an id.
std::string generated_call_id(std::string_view response_id, size_t ordinal);

// A part of the assistant message: output_text, or a refusal.
struct ContentPart {
  bool refusal = false;
  std::string text;
};

// An output item: the assistant message, or a function call.
struct OutputItem {
  bool is_message = false;
  std::string id;
  std::string status = "in_progress";
  std::vector<ContentPart> content;  // the message's parts
  std::string call_id;               // the function call's
  std::string name;
  std::string arguments;
};

// Output items and content parts, identical whether built whole or closed at the end of a stream.
void write_part(std::string& out, const ContentPart& part);
void write_item(std::string& out, const OutputItem& item);

// Responses usage counted from a chat completion's usage.
struct ResponsesUsage {
  int64_t input_tokens = 0;
  int64_t cached_tokens = 0;
  int64_t output_tokens = 0;
  int64_t reasoning_tokens = 0;
  int64_t total_tokens = 0;
};
// nullopt (the Response's usage is null) when the upstream gave none.
std::optional<ResponsesUsage> responses_usage(JsonElement chat_usage);

// The Response's status for a chat finish_reason: "incomplete" for length and content_filter,
// else "completed"; and its incomplete_details as JSON text (null when completed).
std::string_view status_for_finish_reason(std::string_view finish_reason);
std::string_view incomplete_details_for(std::string_view finish_reason);

// What a Response says beyond its request's echo, filled in as the answer arrives.
struct ResponseState {
  std::string model;  // JSON text: the request's model until the upstream names its own
  std::string status = "in_progress";
  std::string error = "null";               // JSON text
  std::string incomplete_details = "null";  // JSON text
  std::vector<OutputItem> output;
  std::optional<ResponsesUsage> usage;
};

// Writes a Response. What it echoes of the request as OpenAI does (instructions, tools,
// tool_choice, text, metadata, ... with OpenAI's defaults) is written once, when the call
// starts; the rest comes from a ResponseState each time.
class ResponseWriter {
 public:
  ResponseWriter(const nlohmann::json& request, std::string_view response_id, int64_t created_at);
  // In progress, with the request's model and no output.
  ResponseState initial_state() const;
  void write(std::string& out, const ResponseState& state) const;

 private:
  std::array<std::string, 7> fixed_;  // the text before, between and after the state's fields
  std::string requested_model_;       // JSON text
};

}  // namespace reinforge::protocols::responses_detail
