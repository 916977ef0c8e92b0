#pragma once
// Anthropic's Messages API over a Chat-Completions-only provider (docs/gateway.md, "Agent
// protocols"): the request translated to a chat completion body, the answer — whole or streamed —
// translated back into a Message object or Anthropic's stream events. Also the canonical
// conversation of a Messages call for traces and datasets. Pure; no I/O.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "protocols/sse_reader.hpp"
#include "protocols/translation_error.hpp"

namespace reinforge::protocols {

// The chat messages of a Messages request: `system` (a string or text blocks) as a system
// message, then each message: text blocks, image blocks (base64 or url source) as image parts,
// assistant tool_use blocks as tool_calls (input serialized as the arguments), user tool_result
// blocks as tool messages (before the rest of that user turn). Throws TranslationError naming
// the field ("messages[3].content[1].type") for a block it does not know.
nlohmann::json messages_request_to_chat_messages(const nlohmann::json& request);

// The chat completion body: the messages above, tools (name, description, input_schema as
// parameters), tool_choice (auto, any → required, tool → the function, none), max_tokens,
// stop_sequences (stop), temperature, top_p, metadata.user_id (user), stream with usage.
// Throws TranslationError for what chat completions cannot express (a server tool such as
// web_search, `thinking`).
nlohmann::json messages_request_to_chat(const nlohmann::json& request);

// The Message object for a chat.completion answer: content blocks (text, tool_use with the
// arguments parsed as `input`), stop_reason (end_turn, max_tokens, tool_use, stop_sequence),
// usage (input_tokens, output_tokens, cache_read_input_tokens when given).
nlohmann::json chat_response_to_messages(const nlohmann::json& chat_completion,
                                         const nlohmann::json& request,
                                         const std::string& message_id);

// The assistant chat message a Message object stands for (text joined, tool_use as tool_calls).
nlohmann::json anthropic_message_to_chat_message(const nlohmann::json& message);

// Streams a chat completion as Anthropic events: message_start, content_block_start /
// content_block_delta (text_delta, input_json_delta) / content_block_stop per block,
// message_delta (stop_reason, usage), message_stop; `ping` is not needed. An upstream error or a
// stream cut short becomes an `error` event.
class MessagesStreamTranslator {
 public:
  MessagesStreamTranslator(nlohmann::json request, std::string message_id);
  std::string feed(std::string_view upstream_bytes);
  std::string finish();
  std::string fail(const std::string& message);
  // The Message as it stands (complete after finish()).
  const nlohmann::json& message() const { return message_; }
  bool finished() const { return finished_; }

 private:
  void take_event(const SseEvent& event, std::string& out);
  void take_text(const std::string& text, std::string& out);
  void take_tool_call(const nlohmann::json& call, size_t position, std::string& out);
  void open_block(nlohmann::json block, bool is_text, std::string& out);
  void close_open_block(std::string& out);
  void close(std::string& out);
  void emit_error(const std::string& message, std::string& out);

  nlohmann::json request_;
  std::string message_id_;
  nlohmann::json message_;
  bool finished_ = false;
  SseReader reader_;
  bool started_ = false;  // message_start sent
  // Anthropic streams one content block at a time: the open one, if any.
  std::optional<size_t> open_block_;
  bool open_block_is_text_ = false;
  std::map<int64_t, size_t> tool_blocks_;         // upstream tool_calls[].index -> block index
  std::map<size_t, std::string> tool_arguments_;  // block index -> the arguments so far
  std::string finish_reason_;
  nlohmann::json matched_stop_;  // the stop sequence the upstream says it hit (vLLM), if any
  nlohmann::json usage_;         // the upstream's usage, when it came
};

// The Message an Anthropic stream describes (message_start's message with every block's deltas
// applied and message_delta's stop_reason and usage), for traces of streamed calls passed
// through to an Anthropic-native provider. Empty object when the stream has none.
nlohmann::json assemble_messages_stream(std::string_view sse_text);

}  // namespace reinforge::protocols
