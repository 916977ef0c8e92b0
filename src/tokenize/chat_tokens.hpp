#pragma once
// Token count of a chat request as OpenAI's chat models bill it: message overhead,
// reply priming, tool definitions and tool calls (docs/tokens.md says where it is exact).
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "tokenize/encoding.hpp"

namespace reinforge::tokenize {

struct ChatToolCall {
  std::string_view name;
  std::string_view arguments;  // the JSON string as sent
};

struct ChatMessage {
  std::string_view role;
  std::string_view name;                  // optional participant name, empty when absent
  std::vector<std::string_view> content;  // text of a string content or of each text part
  std::vector<ChatToolCall> tool_calls;
  std::string_view tool_call_id;          // for role "tool"
};

struct Chat {
  std::vector<ChatMessage> messages;
  std::string_view tools_json;  // the record's "tools" array as JSON text, empty when absent
};

std::size_t count_chat_tokens(const Encoding& encoding, const Chat& chat);

// Parses a record line ({"messages": [...], "tools": [...]}) and counts it; nullopt when the
// line is not a JSON object with a messages array.
std::optional<std::size_t> count_chat_tokens_json(const Encoding& encoding,
                                                  std::string_view record_json);

}  // namespace reinforge::tokenize
