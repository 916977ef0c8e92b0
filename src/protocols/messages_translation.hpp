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
#include <vector>

#include "protocols/messages_object.hpp"
#include "protocols/sse_reader.hpp"
#include "protocols/translation_error.hpp"
#include "protocols/upstream_json.hpp"

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
// usage (input_tokens, output_tokens, cache_read_input_tokens when given). As JSON text from the
// upstream's body as it came (read with simdjson); throws std::invalid_argument when that is not
// JSON.
std::string chat_response_to_messages_text(std::string_view chat_completion,
                                           const nlohmann::json& request,
                                           std::string_view message_id);
// The same Message as a document, from a chat completion already parsed.
nlohmann::json chat_response_to_messages(const nlohmann::json& chat_completion,
                                         const nlohmann::json& request,
                                         const std::string& message_id);

// The assistant chat message a Message object stands for (text joined, tool_use as tool_calls).
nlohmann::json anthropic_message_to_chat_message(const nlohmann::json& message);

// Streams a chat completion as Anthropic events: message_start, content_block_start /
// content_block_delta (text_delta, input_json_delta) / content_block_stop per block,
// message_delta (stop_reason, usage), message_stop; `ping` is not needed. An upstream error or a
// stream cut short becomes an `error` event. Chunks are read with simdjson and events written as
// text: no JSON document is built per chunk.
class MessagesStreamTranslator {
 public:
  MessagesStreamTranslator(const nlohmann::json& request, std::string message_id);
  std::string feed(std::string_view upstream_bytes);
  std::string finish();
  std::string fail(const std::string& message);
  // The Message as it stands (complete after finish()), as JSON text and as a document (built
  // when asked, from the text).
  std::string message_text() const;
  const nlohmann::json& message() const;
  bool finished() const { return finished_; }

 private:
  // A content block: text, or a tool_use whose input is its arguments parsed (as far as they
  // had come when the block closed, or when a fragment came for it after).
  struct Block {
    bool is_text = false;
    std::string text;
    std::string id;
    std::string name;
    std::string arguments;
    size_t input_length = 0;  // how much of `arguments` the input is parsed from
  };

  void take_event(const SseEvent& event, std::string& out);
  void take_text(std::string_view text, std::string& out);
  void take_tool_call(JsonElement call, size_t position, std::string& out);
  void open_block(Block block, std::string& out);
  void close_open_block(std::string& out);
  void close(std::string& out);
  void emit_error(std::string_view message, std::string& out);
  void write_block(std::string& out, const Block& block) const;

  std::string message_id_;
  std::optional<std::string> requested_model_;  // the caller's, when it named one
  std::string model_;
  nlohmann::json stop_sequences_;  // the request's, for telling a stop sequence from a plain end
  std::vector<Block> content_;
  bool finished_ = false;
  mutable std::optional<nlohmann::json> message_;  // message(), until the state changes
  SseReader reader_;
  bool started_ = false;  // message_start sent
  // Anthropic streams one content block at a time: the open one, if any.
  std::optional<size_t> open_block_;
  std::map<int64_t, size_t> tool_blocks_;  // upstream tool_calls[].index -> block index
  std::string finish_reason_;
  std::optional<std::string> matched_stop_;  // the stop sequence the upstream says it hit (vLLM)
  nlohmann::json usage_;                     // the upstream's usage, when it came
  messages_detail::MessageEnding ending_;    // final once message_delta went
};

// The Message an Anthropic stream describes (message_start's message with every block's deltas
// applied and message_delta's stop_reason and usage), for traces of streamed calls passed
// through to an Anthropic-native provider. Empty object when the stream has none.
nlohmann::json assemble_messages_stream(std::string_view sse_text);

}  // namespace reinforge::protocols
