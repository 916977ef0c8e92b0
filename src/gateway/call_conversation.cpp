#include "gateway/call_conversation.hpp"

#include <simdjson.h>

#include "protocols/messages_translation.hpp"
#include "protocols/responses_translation.hpp"

namespace reinforge::gateway {

namespace {

using nlohmann::json;

std::string text_of(const json& content) {
  if (content.is_string()) return content.get<std::string>();
  std::string text;
  if (content.is_array()) {
    for (const auto& part : content) {
      if (part.is_object() && part.contains("text") && part["text"].is_string())
        text += part["text"].get<std::string>();
    }
  }
  return text;
}

// What a client resends of a message, fed to the hash field by field (role, text, each tool
// call's id, name and arguments, tool call id) with separators no text holds: the chat fast
// path below (simdjson) and the nlohmann path for the other protocols feed the same bytes.
class MessageHasher {
 public:
  void field(std::string_view text) {
    for (unsigned char byte : text) add(byte);
    add(0x1f);
  }
  void end_tool_call() { add(0x1e); }
  void end_message() { add(0xff); }
  int64_t value() const { return static_cast<int64_t>(hash_); }

 private:
  void add(unsigned char byte) {
    hash_ ^= byte;
    hash_ *= 1099511628211ull;
  }
  uint64_t hash_ = 1469598103934665603ull;
};

void hash_message(const json& message, MessageHasher& hasher) {
  if (!message.is_object()) {
    hasher.end_message();
    return;
  }
  hasher.field(message.contains("role") && message["role"].is_string()
                   ? message["role"].get<std::string>()
                   : std::string());
  hasher.field(text_of(message.value("content", json())));
  if (message.contains("tool_calls") && message["tool_calls"].is_array()) {
    for (const auto& call : message["tool_calls"]) {
      if (!call.is_object()) continue;
      const auto& function = call.value("function", json::object());
      hasher.field(call.value("id", ""));
      hasher.field(function.is_object() ? function.value("name", "") : "");
      hasher.field(function.is_object() ? function.value("arguments", "") : "");
      hasher.end_tool_call();
    }
  }
  hasher.field(message.value("tool_call_id", ""));
  hasher.end_message();
}

std::string_view string_or_empty(simdjson::dom::element value) {
  std::string_view text;
  return value.get_string().get(text) ? std::string_view() : text;
}

void hash_message(simdjson::dom::element message, MessageHasher& hasher) {
  simdjson::dom::object object;
  if (message.get_object().get(object)) {
    hasher.end_message();
    return;
  }
  simdjson::dom::element value;
  hasher.field(object["role"].get(value) ? std::string_view() : string_or_empty(value));
  std::string text;
  if (!object["content"].get(value)) {
    simdjson::dom::array parts;
    if (!value.get_array().get(parts)) {
      for (auto part : parts) {
        simdjson::dom::element part_text;
        if (!part["text"].get(part_text)) text += string_or_empty(part_text);
      }
    } else {
      text = string_or_empty(value);
    }
  }
  hasher.field(text);
  simdjson::dom::array calls;
  if (!object["tool_calls"].get_array().get(calls)) {
    for (auto call : calls) {
      if (!call.is_object()) continue;
      simdjson::dom::element field;
      hasher.field(call["id"].get(field) ? std::string_view() : string_or_empty(field));
      simdjson::dom::element function;
      bool has_function = !call["function"].get(function) && function.is_object();
      hasher.field(has_function && !function["name"].get(field) ? string_or_empty(field) : "");
      hasher.field(has_function && !function["arguments"].get(field) ? string_or_empty(field) : "");
      hasher.end_tool_call();
    }
  }
  hasher.field(object["tool_call_id"].get(value) ? std::string_view() : string_or_empty(value));
  hasher.end_message();
}

// Chat calls are most of the traffic and their bodies already are the conversation: only the
// hashes are needed, read with simdjson (an nlohmann DOM per trace held the writer back).
std::optional<CallConversation> chat_hashes(const std::string& request_json,
                                            const std::string& response_json) {
  thread_local simdjson::dom::parser request_parser;
  thread_local simdjson::dom::parser response_parser;
  simdjson::dom::element request;
  simdjson::dom::element response;
  if (request_parser.parse(request_json).get(request) ||
      response_parser.parse(response_json).get(response))
    return std::nullopt;
  simdjson::dom::array messages;
  simdjson::dom::array choices;
  simdjson::dom::element answer;
  if (request["messages"].get_array().get(messages) ||
      response["choices"].get_array().get(choices) || choices.size() == 0 ||
      choices.at(0)["message"].get(answer) || !answer.is_object())
    return std::nullopt;
  CallConversation conversation;
  MessageHasher hasher;
  std::optional<int64_t> last_assistant;
  for (auto message : messages) {
    hash_message(message, hasher);
    simdjson::dom::element role;
    if (!message["role"].get(role) && string_or_empty(role) == "assistant")
      last_assistant = hasher.value();
  }
  conversation.extends = last_assistant;
  hash_message(answer, hasher);  // the answer, as the caller resends it next time
  conversation.hash = hasher.value();
  return conversation;
}

// The answer message of a whole answer in the caller's protocol.
std::optional<json> answer_message(std::string_view endpoint, const json& response) {
  if (!response.is_object()) return std::nullopt;
  if (endpoint == "responses") {
    if (!response.contains("output")) return std::nullopt;
    return protocols::responses_output_to_message(response);
  }
  if (endpoint == "messages") {
    if (!response.contains("content")) return std::nullopt;
    return protocols::anthropic_message_to_chat_message(response);
  }
  if (!response.contains("choices") || !response["choices"].is_array() ||
      response["choices"].empty() || !response["choices"][0].contains("message"))
    return std::nullopt;
  const auto& message = response["choices"][0]["message"];
  json answer{{"role", "assistant"}, {"content", message.value("content", json())}};
  if (message.contains("tool_calls") && message["tool_calls"].is_array() &&
      !message["tool_calls"].empty())
    answer["tool_calls"] = message["tool_calls"];
  return answer;
}

}  // namespace

std::string stored_conversation_json(const json& messages_before,
                                     std::string_view answer_message) {
  std::string text = "{\"messages\":";
  if (messages_before.is_array() && !messages_before.empty()) {
    text += messages_before.dump();
    text.back() = ',';  // the array's closing bracket: the answer goes last
  } else {
    text += '[';
  }
  text += answer_message;
  text += "]}";
  return text;
}

json previous_turns(const std::string& conversation_json) {
  auto conversation = json::parse(conversation_json, nullptr, false);
  json turns = json::array();
  if (!conversation.is_object() || !conversation.contains("messages") ||
      !conversation["messages"].is_array())
    return turns;
  for (const auto& message : conversation["messages"]) {
    if (message.is_object() && message.value("role", "") != "system") turns.push_back(message);
  }
  return turns;
}

int64_t messages_hash(const json& messages, std::size_t count) {
  MessageHasher hasher;
  for (std::size_t i = 0; i < count && i < messages.size(); ++i) hash_message(messages[i], hasher);
  return hasher.value();
}

std::optional<CallConversation> call_conversation(std::string_view endpoint,
                                                  const std::string& request_json,
                                                  const std::string& response_json,
                                                  const json& previous_messages) {
  if (endpoint == "chat.completions") return chat_hashes(request_json, response_json);
  auto request = json::parse(request_json, nullptr, false);
  auto response = json::parse(response_json, nullptr, false);
  if (!request.is_object()) return std::nullopt;
  auto answer = answer_message(endpoint, response);
  if (!answer) return std::nullopt;
  CallConversation conversation;
  json messages = json::array();
  json tools = json::array();
  try {
    if (endpoint == "responses") {
      auto chat = protocols::responses_request_to_chat(request, previous_messages);
      messages = chat.value("messages", json::array());
      tools = chat.value("tools", json::array());
    } else if (endpoint == "messages") {
      auto chat = protocols::messages_request_to_chat(request);
      messages = chat.value("messages", json::array());
      tools = chat.value("tools", json::array());
    } else {
      return std::nullopt;
    }
  } catch (const protocols::TranslationError&) {
    return std::nullopt;  // a pass-through call with what chat cannot express: its body is kept
  }
  if (!messages.is_array()) return std::nullopt;
  for (std::size_t i = messages.size(); i-- > 0;) {
    if (messages[i].is_object() && messages[i].value("role", "") == "assistant") {
      conversation.extends = messages_hash(messages, i + 1);
      break;
    }
  }
  messages.push_back(std::move(*answer));
  conversation.hash = messages_hash(messages, messages.size());
  conversation.record = {{"messages", std::move(messages)}};
  if (tools.is_array() && !tools.empty()) conversation.record["tools"] = std::move(tools);
  return conversation;
}

}  // namespace reinforge::gateway
