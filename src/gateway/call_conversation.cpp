#include "gateway/call_conversation.hpp"

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

json normalized(const json& message) {
  json out = json::array();
  if (!message.is_object()) return out;
  out.push_back(message.value("role", ""));
  out.push_back(text_of(message.value("content", json())));
  json calls = json::array();
  if (message.contains("tool_calls") && message["tool_calls"].is_array()) {
    for (const auto& call : message["tool_calls"]) {
      if (!call.is_object()) continue;
      const auto& function = call.value("function", json::object());
      calls.push_back(
          {call.value("id", ""), function.value("name", ""), function.value("arguments", "")});
    }
  }
  out.push_back(calls);
  out.push_back(message.value("tool_call_id", ""));
  return out;
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
  uint64_t hash = 1469598103934665603ull;
  for (std::size_t i = 0; i < count && i < messages.size(); ++i) {
    for (unsigned char byte : normalized(messages[i]).dump()) {
      hash ^= byte;
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;  // a message boundary
    hash *= 1099511628211ull;
  }
  return static_cast<int64_t>(hash);
}

std::optional<CallConversation> call_conversation(std::string_view endpoint,
                                                  const std::string& request_json,
                                                  const std::string& response_json,
                                                  const json& previous_messages) {
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
    } else if (endpoint == "chat.completions") {
      messages = request.value("messages", json::array());
      tools = request.value("tools", json::array());
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
