#include "tokenize/chat_tokens.hpp"

#include <simdjson.h>

#include <array>
#include <functional>
#include <string>
#include <unordered_map>

namespace reinforge::tokenize {

namespace {

// Counts of the texts that repeat from record to record of one application (its system prompt,
// its tool definitions), kept per thread: a million calls of one app hold a handful of them, and
// each was tokenized a million times. Exact: a text's count depends on its bytes alone.
class RepeatedTextCounts {
 public:
  template <class CountText>
  std::size_t count(EncodingName encoding, std::string_view text, CountText&& count_text) {
    Counts& counts = counts_[static_cast<std::size_t>(encoding)];
    if (auto known = counts.find(text); known != counts.end()) return known->second;
    std::size_t count = count_text(text);
    // Bounded: an app whose system prompts never repeat starts over every megabyte.
    constexpr std::size_t kMaxBytes = 1 << 20;
    if (bytes_ + text.size() > kMaxBytes) {
      for (auto& each : counts_) each.clear();
      bytes_ = 0;
    }
    if (text.size() <= kMaxBytes) {
      counts.emplace(std::string(text), count);
      bytes_ += text.size();
    }
    return count;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  using Counts = std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>;
  std::array<Counts, 2> counts_;  // by EncodingName
  std::size_t bytes_ = 0;
};

RepeatedTextCounts& repeated_text_counts() {
  thread_local RepeatedTextCounts counts;
  return counts;
}

// The roles whose content is the application's own, the same in every call.
bool is_instructions(std::string_view role) {
  return role == "system" || role == "developer";
}

// The string at `value`, or empty when it is missing or not a string.
std::string_view string_or_empty(simdjson::simdjson_result<simdjson::dom::element> value) {
  std::string_view text;
  if (value.get_string().get(text)) return {};
  return text;
}

// OpenAI's documented overhead for chat models (openai-cookbook, "How to count tokens with
// tiktoken"): every message costs 3 tokens plus its values, a name 1 more, and the reply is
// primed with 3.
constexpr std::size_t kTokensPerMessage = 3;
constexpr std::size_t kTokensPerName = 1;
constexpr std::size_t kReplyPriming = 3;
// Tool calls in assistant messages have no published formula: each call is counted as its
// name and arguments plus this many tokens of framing (an estimate; docs/tokens.md).
constexpr std::size_t kTokensPerToolCall = 3;

// Function definitions, after the cookbook's "counting tokens for function calling" method.
struct FunctionOverhead {
  int function_init;
  int property_init;
  int property_key;
  int enum_init;
  int enum_item;
  int function_end;
};

FunctionOverhead overhead_for(EncodingName name) {
  if (name == EncodingName::o200k_base) return {7, 3, 3, -3, 3, 12};
  return {10, 3, 3, -3, 3, 12};
}

std::size_t count_tools(const Encoding& encoding, std::string_view tools_json) {
  if (tools_json.empty()) return 0;
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::array tools;
  if (parser.parse(tools_json.data(), tools_json.size()).get(root) || root.get_array().get(tools)) return 0;
  const auto overhead = overhead_for(encoding.name());
  long total = 0;
  for (auto tool : tools) {
    simdjson::dom::object function;
    if (tool["function"].get_object().get(function)) continue;
    std::string_view name;
    std::string_view description;
    name = string_or_empty(function["name"]);
    description = string_or_empty(function["description"]);
    std::string head = std::string(name) + ":" + std::string(description);
    if (!head.empty() && head.back() == '.') head.pop_back();
    total += overhead.function_init + static_cast<long>(encoding.count(head));
    simdjson::dom::object properties;
    if (!function["parameters"]["properties"].get_object().get(properties)) {
      total += overhead.property_init;
      for (auto property : properties) {
        std::string_view type;
        std::string_view property_description;
        type = string_or_empty(property.value["type"]);
        property_description = string_or_empty(property.value["description"]);
        total += overhead.property_key;
        simdjson::dom::array values;
        if (!property.value["enum"].get_array().get(values)) {
          total += overhead.enum_init;
          for (auto value : values) {
            std::string_view item;
            if (!value.get_string().get(item)) total += overhead.enum_item + static_cast<long>(encoding.count(item));
          }
        }
        std::string line = std::string(property.key) + ":" + std::string(type) + ":" + std::string(property_description);
        if (!line.empty() && line.back() == '.') line.pop_back();
        total += static_cast<long>(encoding.count(line));
      }
    }
  }
  total += overhead.function_end;
  return total > 0 ? static_cast<std::size_t>(total) : 0;
}

}  // namespace

std::size_t count_chat_tokens(const Encoding& encoding, const Chat& chat) {
  std::size_t total = kReplyPriming;
  auto count_text = [&encoding](std::string_view text) { return encoding.count(text); };
  auto& repeated = repeated_text_counts();
  for (const auto& message : chat.messages) {
    total += kTokensPerMessage + repeated.count(encoding.name(), message.role, count_text);
    for (auto text : message.content) {
      total += is_instructions(message.role) ? repeated.count(encoding.name(), text, count_text)
                                             : encoding.count(text);
    }
    if (!message.name.empty()) total += kTokensPerName + encoding.count(message.name);
    if (!message.tool_call_id.empty()) total += encoding.count(message.tool_call_id);
    for (const auto& call : message.tool_calls) {
      total += kTokensPerToolCall + encoding.count(call.name) + encoding.count(call.arguments);
    }
  }
  if (chat.tools_json.empty()) return total;
  return total + repeated.count(
                     encoding.name(), chat.tools_json,
                     [&encoding](std::string_view tools) { return count_tools(encoding, tools); });
}

std::optional<std::size_t> count_chat_tokens_json(const Encoding& encoding, std::string_view record_json) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::array messages;
  if (parser.parse(record_json.data(), record_json.size()).get(root) || root["messages"].get_array().get(messages)) {
    return std::nullopt;
  }
  Chat chat;
  std::string tools_text;
  simdjson::dom::element tools;
  if (!root["tools"].get(tools) && tools.is_array()) {
    tools_text = simdjson::minify(tools);
    chat.tools_json = tools_text;
  }
  for (auto element : messages) {
    ChatMessage& message = chat.messages.emplace_back();
    message.role = string_or_empty(element["role"]);
    message.name = string_or_empty(element["name"]);
    message.tool_call_id = string_or_empty(element["tool_call_id"]);
    auto content = element["content"];
    std::string_view text;
    simdjson::dom::array parts;
    if (!content.get_string().get(text)) {
      message.content.push_back(text);
    } else if (!content.get_array().get(parts)) {
      for (auto part : parts) {
        if (!part["text"].get_string().get(text)) message.content.push_back(text);
      }
    }
    simdjson::dom::array calls;
    if (!element["tool_calls"].get_array().get(calls)) {
      for (auto call : calls) {
        ChatToolCall& counted = message.tool_calls.emplace_back();
        counted.name = string_or_empty(call["function"]["name"]);
        counted.arguments = string_or_empty(call["function"]["arguments"]);
      }
    }
  }
  return count_chat_tokens(encoding, chat);
}

}  // namespace reinforge::tokenize
