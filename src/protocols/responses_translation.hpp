#pragma once
// OpenAI's Responses API over a Chat-Completions-only provider (docs/gateway.md, "Agent
// protocols"): the request translated to a chat completion body, the answer — whole or streamed
// chunk by chunk — translated back into a Response object or Responses' semantic events. Also
// the canonical conversation of a Responses call (chat messages, tools, answer), which traces
// and datasets use whatever protocol the caller spoke. Pure; no I/O.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "protocols/json_object_writer.hpp"
#include "protocols/responses_object.hpp"
#include "protocols/sse_reader.hpp"
#include "protocols/translation_error.hpp"
#include "protocols/upstream_json.hpp"

namespace reinforge::protocols {

// The chat messages a Responses request adds to the conversation: `instructions` as a system
// message first, then `input` (a string, or items: messages with text/image parts,
// function_call, function_call_output; reasoning items are dropped). Consecutive function_call
// items become one assistant message with several tool_calls. Throws TranslationError naming the
// field for an item type or content part it does not know.
nlohmann::json responses_input_to_messages(const nlohmann::json& request);

// The chat completion body for a Responses request. `previous_messages` (an array, possibly
// empty) is the stored conversation `previous_response_id` names, placed after the new
// instructions and before the new input. Maps function tools, tool_choice, text.format
// (json_schema, json_object), max_output_tokens (max_tokens), temperature, top_p,
// parallel_tool_calls, user and stream (with stream_options.include_usage). A built-in tool
// (web_search, file_search, computer_use, ...) or another field chat completions cannot express
// throws TranslationError.
nlohmann::json responses_request_to_chat(const nlohmann::json& request,
                                         const nlohmann::json& previous_messages);

// The Response object for a chat.completion answer: output items (a message with output_text,
// function_call items with call_id), status (`incomplete` with incomplete_details when the
// answer hit the token limit), usage (input/output/total, cached and reasoning tokens when
// given), and the request's instructions, tools, tool_choice, text, metadata,
// previous_response_id, temperature, top_p echoed as OpenAI does. As JSON text from the
// upstream's body as it came (read with simdjson); throws std::invalid_argument when that is not
// JSON.
std::string chat_response_to_responses_text(std::string_view chat_completion,
                                            const nlohmann::json& request,
                                            std::string_view response_id, int64_t created_at);
// The same Response as a document, from a chat completion already parsed.
nlohmann::json chat_response_to_responses(const nlohmann::json& chat_completion,
                                          const nlohmann::json& request,
                                          const std::string& response_id, int64_t created_at);

// The assistant chat message a Response object's output stands for (text joined, function_call
// items as tool_calls); for traces of Responses calls, translated or passed through.
nlohmann::json responses_output_to_message(const nlohmann::json& response);
// The same message as JSON text, from a Response's JSON text, when that Response completed
// (what previous_response_id continues from); nullopt for any other status or text.
std::optional<std::string> completed_response_message(std::string_view response);

// Streams a chat completion (upstream SSE bytes in, as they arrive) as Responses events out:
// response.created, response.in_progress, response.output_item.added,
// response.content_part.added, response.output_text.delta, response.function_call_arguments.delta,
// then the .done events, and response.completed carrying the whole Response (usage included);
// every event with its sequence_number. An upstream error event or a stream cut short becomes
// response.failed / an `error` event. Chunks are read with simdjson and events written as text:
// no JSON document is built per chunk.
class ResponsesStreamTranslator {
 public:
  ResponsesStreamTranslator(const nlohmann::json& request, std::string response_id,
                            int64_t created_at);
  // Upstream bytes in, the caller's bytes out (possibly empty).
  std::string feed(std::string_view upstream_bytes);
  // The upstream finished ([DONE] or end of body): the closing events, unless already sent.
  std::string finish();
  // The upstream broke off: an `error` event and response.failed with what arrived.
  std::string fail(const std::string& message);
  // The Response as it stands (complete after finish()), as JSON text and as a document (built
  // when asked, from the text).
  std::string response_text() const;
  const nlohmann::json& response() const;
  bool finished() const { return finished_; }

 private:
  std::string response_id_;
  responses_detail::ResponseWriter writer_;
  responses_detail::ResponseState state_;
  mutable std::optional<nlohmann::json> response_;  // response(), until the state changes
  bool finished_ = false;
  SseReader reader_;
  int64_t sequence_ = 0;

  void start(std::string& out);
  void take_event(const SseEvent& event, std::string& out);
  void take_chunk(JsonElement chunk, std::string& out);
  void take_text(bool refusal, std::string_view delta, std::string& out);
  void take_tool_call(JsonElement delta, size_t position, std::string& out);
  void close_items(std::string& out);
  void complete(std::string& out);
  void fail_with(std::string_view code, std::string_view message, std::string& out);
  JsonObjectWriter open_event(std::string_view type, std::string& out);
  void close_event(JsonObjectWriter& event, std::string_view type, std::string& out);
  void write_response_event(std::string_view type, std::string& out);

  bool started_ = false;       // response.created and response.in_progress sent
  bool items_closed_ = false;  // the finish_reason (or [DONE]) arrived and the .done events went
  std::string finish_reason_;
  std::optional<responses_detail::ResponsesUsage> usage_;  // from the upstream's chat usage
  // Where the open items are in state_.output, and the message's parts in its content.
  std::optional<size_t> message_index_;
  std::optional<size_t> text_part_index_;
  std::optional<size_t> refusal_part_index_;
  std::map<int64_t, size_t> tool_call_indexes_;  // chat delta tool_calls[].index -> output index
};

// The Response a Responses stream ended with (its response.completed / .incomplete / .failed
// event), for traces of streamed calls passed through to a Responses-native provider. Empty
// object when the stream has none.
nlohmann::json assemble_responses_stream(std::string_view sse_text);

}  // namespace reinforge::protocols
