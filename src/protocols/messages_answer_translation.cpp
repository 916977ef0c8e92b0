// Chat completions → Anthropic Messages: a chat.completion answer as a Message, and the Message an
// Anthropic stream describes. A streamed answer is translated in messages_stream_translation.cpp,
// with the same helpers (messages_object.hpp), so a call ends with the same Message streamed or
// not.
#include <algorithm>
#include <limits>
#include <stdexcept>

#include "protocols/json_members.hpp"
#include "protocols/messages_object.hpp"
#include "protocols/messages_translation.hpp"

namespace reinforge::protocols {
namespace {

using nlohmann::json;
using namespace messages_detail;

std::optional<size_t> block_index(const json& event) {
  const json* index = member(event, "index");
  if (!index || !index->is_number_unsigned()) return std::nullopt;
  return index->get<size_t>();
}

// A content_block_delta applied to its block; tool input JSON is collected, to be parsed whole.
void apply_delta(const json& delta, json& block, size_t index,
                 std::map<size_t, std::string>& partial_json) {
  std::string type = string_member(delta, "type");
  auto append = [&](const char* field) {
    const json* text = member(block, field);
    if (text && text->is_string())
      block[field].get_ref<std::string&>() += string_member(delta, field);
  };
  if (type == "text_delta") append("text");
  if (type == "thinking_delta") append("thinking");
  if (type == "signature_delta" && block.is_object())
    block["signature"] = string_member(delta, "signature");
  if (type == "input_json_delta") partial_json[index] += string_member(delta, "partial_json");
}

}  // namespace

std::string chat_response_to_messages_text(std::string_view chat_completion, const json& request,
                                           std::string_view message_id) {
  std::optional<JsonElement> chat = parse_upstream_json(chat_completion);
  if (!chat) {
    json unread = json::parse(chat_completion);  // throws nlohmann's parse_error, saying where
    throw std::invalid_argument("the answer could not be read");
  }
  std::optional<JsonElement> choice;
  simdjson::dom::array choices;
  if (auto list = member(*chat, "choices");
      list && !list->get_array().get(choices) && choices.begin() != choices.end()) {
    choice = *choices.begin();
  }
  std::optional<JsonElement> said = choice ? member(*choice, "message") : std::nullopt;
  auto said_string = [&](std::string_view key) {
    return said ? string_member(*said, key) : std::string_view();
  };
  std::string content = "[";
  // Text the caller reads; the upstream's refusal (OpenAI) is shown like any text.
  std::string_view text = said_string("content");
  if (text.empty()) text = said_string("refusal");
  if (!text.empty()) write_text_block(content, text);
  bool has_tool_calls = false;
  simdjson::dom::array calls;
  if (auto list = said ? member(*said, "tool_calls") : std::nullopt;
      list && !list->get_array().get(calls)) {
    int64_t i = 0;
    for (JsonElement call : calls) {
      has_tool_calls = true;
      if (content.size() > 1) content += ',';
      std::optional<JsonElement> named = member(call, "function");
      std::optional<JsonElement> arguments = named ? member(*named, "arguments") : std::nullopt;
      std::string id(string_member(call, "id"));
      if (id.empty()) id = generated_tool_id(message_id, i);
      std::string_view arguments_text = named ? string_member(*named, "arguments") : "";
      // Some providers send the arguments as an object rather than JSON text.
      write_tool_use_block(content, id, named ? string_member(*named, "name") : "",
                           arguments && arguments->is_object()
                               ? any_json_text(to_nlohmann(*arguments))
                               : any_json_text(tool_input(arguments_text)));
      ++i;
    }
  }
  content += ']';
  std::string_view matched;
  std::optional<JsonElement> stop = choice ? member(*choice, "stop_reason") : std::nullopt;
  bool names_a_stop = stop && !stop->get_string().get(matched);
  const json* stop_sequences = protocols::member(request, "stop_sequences");
  StopReason ending = stop_reason_of(choice ? string_member(*choice, "finish_reason") : "",
                                     names_a_stop ? json(std::string(matched)) : json(),
                                     has_tool_calls, stop_sequences ? *stop_sequences : json());
  std::optional<JsonElement> usage = member(*chat, "usage");
  std::string out;
  write_message(out, message_id, model_of(request, string_member(*chat, "model")), content,
                message_ending(ending, usage ? to_nlohmann(*usage) : json()));
  return out;
}

json chat_response_to_messages(const json& chat_completion, const json& request,
                               const std::string& message_id) {
  return json::parse(
      chat_response_to_messages_text(any_json_text(chat_completion), request, message_id));
}

json assemble_messages_stream(std::string_view sse_text) {
  SseReader reader;
  std::vector<SseEvent> events = reader.feed(sse_text);
  for (SseEvent& event : reader.finish()) events.push_back(std::move(event));
  json message = json::object();
  std::map<size_t, std::string> partial_json;  // block index -> input_json_delta text so far
  for (const SseEvent& event : events) {
    json data = json::parse(event.data, nullptr, false);
    std::string type = string_member(data, "type");
    if (type == "message_start") {
      const json* start = member(data, "message");
      if (!start || !start->is_object()) continue;
      message = *start;
      if (!message["content"].is_array()) message["content"] = json::array();
      if (!message["usage"].is_object()) message["usage"] = json::object();
      partial_json.clear();
      continue;
    }
    if (message.empty()) continue;  // nothing counts before message_start
    json& content = message["content"];
    std::optional<size_t> index = block_index(data);
    const json* block = member(data, "content_block");
    const json* delta = member(data, "delta");
    if (type == "content_block_start" && index && block && *index <= content.size()) {
      if (*index == content.size())
        content.push_back(*block);
      else
        content[*index] = *block;
      partial_json.erase(*index);
    } else if (type == "content_block_delta" && index && delta && *index < content.size()) {
      apply_delta(*delta, content[*index], *index, partial_json);
    } else if (type == "message_delta") {
      for (const char* field : {"stop_reason", "stop_sequence"}) {
        if (delta && delta->is_object() && delta->contains(field)) message[field] = (*delta)[field];
      }
      const json* usage = member(data, "usage");
      if (usage && usage->is_object()) message["usage"].update(*usage);
    }
  }
  // Inputs are parsed once every delta is in: after content_block_stop, or at the end of a stream
  // cut short.
  for (const auto& [index, text] : partial_json) {
    if (index < message["content"].size() && message["content"][index].is_object()) {
      message["content"][index]["input"] = tool_input(text);
    }
  }
  return message;
}

}  // namespace reinforge::protocols
