// Anthropic Messages → chat completions: the request, and the assistant chat message a Message
// stands for. The way back (a chat completion, whole or streamed, as a Message) is in
// messages_answer_translation.cpp.
#include "protocols/messages_translation.hpp"

#include "protocols/json_members.hpp"

namespace reinforge::protocols {
namespace {

using nlohmann::json;

std::string field_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string item_path(const std::string& parent, size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

const std::string& required_string(const json& object, std::string_view key,
                                   const std::string& parent) {
  const json* value = member(object, key);
  if (!value || !value->is_string())
    throw TranslationError(field_path(parent, key), "must be a string");
  return value->get_ref<const std::string&>();
}

[[noreturn]] void unsupported_block(const std::string& path, const std::string& type,
                                    std::string_view where) {
  throw TranslationError(path + ".type",
                         "a '" + type + "' block cannot be translated " + std::string(where) +
                             "; send this request to an Anthropic-native provider instead");
}

// `system` and tool_result content: a string, or text blocks. Blocks are joined by a newline:
// chat completions takes one string there on every provider, and a block is a paragraph.
std::string text_of(const json& content, const std::string& path) {
  if (content.is_string()) return content.get<std::string>();
  if (!content.is_array())
    throw TranslationError(path, "must be a string or an array of text blocks");
  std::string text;
  for (size_t i = 0; i < content.size(); ++i) {
    std::string block_path = item_path(path, i);
    const std::string& type = required_string(content[i], "type", block_path);
    if (type != "text")
      unsupported_block(block_path, type, "here: chat completions takes only text at this place");
    if (i > 0) text += '\n';
    text += required_string(content[i], "text", block_path);
  }
  return text;
}

// An image block as a chat image part: base64 data becomes a data: URL.
json image_part(const json& block, const std::string& path) {
  const json* source = member(block, "source");
  std::string source_path = path + ".source";
  if (!source || !source->is_object()) throw TranslationError(source_path, "must be an object");
  const std::string& type = required_string(*source, "type", source_path);
  std::string url;
  if (type == "base64") {
    url = "data:" + required_string(*source, "media_type", source_path) + ";base64," +
          required_string(*source, "data", source_path);
  } else if (type == "url") {
    url = required_string(*source, "url", source_path);
  } else {
    throw TranslationError(
        source_path + ".type",
        "only base64 and url image sources can be translated, not '" + type + "'");
  }
  return {{"type", "image_url"}, {"image_url", {{"url", url}}}};
}

json tool_call(const std::string& id, const std::string& name, const json& input) {
  return {{"id", id},
          {"type", "function"},
          {"function", {{"name", name}, {"arguments", input.dump()}}}};
}

// Chat tool messages have no error flag: `is_error` is dropped, as clients already say what
// failed in the result's text.
json tool_message(const json& block, const std::string& path) {
  const json* content = member(block, "content");
  return {{"role", "tool"},
          {"tool_call_id", required_string(block, "tool_use_id", path)},
          {"content", content ? text_of(*content, path + ".content") : std::string()}};
}

// A user turn: its tool results first, as tool messages must follow the assistant's tool_calls,
// then one user message with the text and image parts, if any.
void add_user_turn(const json& blocks, const std::string& path, json& messages) {
  json parts = json::array();
  for (size_t i = 0; i < blocks.size(); ++i) {
    std::string block_path = item_path(path, i);
    const json& block = blocks[i];
    const std::string& type = required_string(block, "type", block_path);
    if (type == "text") {
      parts.push_back({{"type", "text"}, {"text", required_string(block, "text", block_path)}});
    } else if (type == "image") {
      parts.push_back(image_part(block, block_path));
    } else if (type == "tool_result") {
      messages.push_back(tool_message(block, block_path));
    } else {
      unsupported_block(block_path, type, "to chat completions in a user turn");
    }
  }
  if (!parts.empty()) messages.push_back({{"role", "user"}, {"content", std::move(parts)}});
}

void add_assistant_turn(const json& blocks, const std::string& path, json& messages) {
  std::string text;
  json tool_calls = json::array();
  for (size_t i = 0; i < blocks.size(); ++i) {
    std::string block_path = item_path(path, i);
    const json& block = blocks[i];
    const std::string& type = required_string(block, "type", block_path);
    if (type == "text") {
      text += required_string(block, "text", block_path);
    } else if (type == "tool_use") {
      const json* input = member(block, "input");
      tool_calls.push_back(tool_call(required_string(block, "id", block_path),
                                     required_string(block, "name", block_path),
                                     input ? *input : json::object()));
    } else {
      unsupported_block(block_path, type, "to chat completions in an assistant turn");
    }
  }
  json message = {{"role", "assistant"}, {"content", text}};
  if (!tool_calls.empty()) {
    if (text.empty()) message["content"] = nullptr;
    message["tool_calls"] = std::move(tool_calls);
  }
  messages.push_back(std::move(message));
}

json chat_tools(const json& tools) {
  if (!tools.is_array()) throw TranslationError("tools", "must be an array");
  json out = json::array();
  for (size_t i = 0; i < tools.size(); ++i) {
    std::string path = item_path("tools", i);
    const json& tool = tools[i];
    if (!tool.is_object()) throw TranslationError(path, "must be an object");
    if (const json* type = member(tool, "type"); type && *type != "custom") {
      throw TranslationError(path + ".type",
                             "the built-in tool " + type->dump() +
                                 " runs on Anthropic's side and has no chat completions "
                                 "equivalent; remove it or use an Anthropic-native provider");
    }
    json function = {{"name", required_string(tool, "name", path)}};
    if (const json* description = member(tool, "description"))
      function["description"] = *description;
    if (const json* schema = member(tool, "input_schema")) function["parameters"] = *schema;
    out.push_back({{"type", "function"}, {"function", std::move(function)}});
  }
  return out;
}

json chat_tool_choice(const json& choice) {
  if (!choice.is_object()) throw TranslationError("tool_choice", "must be an object with a type");
  const std::string& type = required_string(choice, "type", "tool_choice");
  if (type == "auto") return "auto";
  if (type == "any") return "required";
  if (type == "none") return "none";
  if (type == "tool") {
    return {{"type", "function"},
            {"function", {{"name", required_string(choice, "name", "tool_choice")}}}};
  }
  throw TranslationError("tool_choice.type", "must be auto, any, tool or none, not '" + type + "'");
}

}  // namespace

json messages_request_to_chat_messages(const json& request) {
  if (!request.is_object()) throw TranslationError("body", "must be a JSON object");
  json messages = json::array();
  if (const json* system = member(request, "system")) {
    std::string text = text_of(*system, "system");
    if (!text.empty()) messages.push_back({{"role", "system"}, {"content", std::move(text)}});
  }
  const json* turns = member(request, "messages");
  if (!turns || !turns->is_array())
    throw TranslationError("messages", "is required: an array of turns");
  for (size_t i = 0; i < turns->size(); ++i) {
    std::string path = item_path("messages", i);
    const json& turn = (*turns)[i];
    const std::string& role = required_string(turn, "role", path);
    const json* content = member(turn, "content");
    // API versions from 2026-10 allow system turns inside the conversation.
    if (role == "system") {
      messages.push_back({{"role", "system"}, {"content", content ? text_of(*content, path + ".content") : ""}});
      continue;
    }
    if (role != "user" && role != "assistant") {
      throw TranslationError(path + ".role", "must be user, assistant or system, not '" + role + "'");
    }
    if (content && content->is_string()) {
      messages.push_back({{"role", role}, {"content", *content}});
    } else if (content && content->is_array()) {
      role == "user" ? add_user_turn(*content, path + ".content", messages)
                     : add_assistant_turn(*content, path + ".content", messages);
    } else {
      throw TranslationError(path + ".content", "must be a string or an array of content blocks");
    }
  }
  return messages;
}

json messages_request_to_chat(const json& request) {
  if (!request.is_object()) throw TranslationError("body", "must be a JSON object");
  // {"type": "disabled"} asks for what chat completions does anyway.
  if (const json* thinking = member(request, "thinking");
      thinking && !(thinking->is_object() && thinking->value("type", json()) == "disabled")) {
    throw TranslationError("thinking",
                           "extended thinking has no chat completions equivalent; leave it out or "
                           "use an Anthropic-native provider");
  }
  const json* max_tokens = member(request, "max_tokens");
  if (!max_tokens || !max_tokens->is_number_integer()) {
    throw TranslationError("max_tokens",
                           "is required by the Messages API: the most tokens to generate");
  }
  json body = {{"messages", messages_request_to_chat_messages(request)},
               {"max_tokens", *max_tokens}};
  if (const json* model = member(request, "model")) body["model"] = *model;

  json tools = json::array();
  if (const json* given = member(request, "tools")) tools = chat_tools(*given);
  json tool_choice;
  bool parallel = true;
  if (const json* choice = member(request, "tool_choice")) {
    tool_choice = chat_tool_choice(*choice);
    parallel = choice->value("disable_parallel_tool_use", json()) != true;
  }
  // OpenAI refuses tool_choice and parallel_tool_calls without tools.
  if (!tools.empty()) {
    body["tools"] = std::move(tools);
    if (!tool_choice.is_null()) body["tool_choice"] = std::move(tool_choice);
    if (!parallel) body["parallel_tool_calls"] = false;
  }

  if (const json* stop = member(request, "stop_sequences")) {
    if (!stop->is_array()) throw TranslationError("stop_sequences", "must be an array of strings");
    if (!stop->empty()) body["stop"] = *stop;
  }
  for (const char* key : {"temperature", "top_p"}) {
    if (const json* value = member(request, key)) body[key] = *value;
  }
  if (const json* metadata = member(request, "metadata")) {
    if (const json* user = member(*metadata, "user_id"); user && user->is_string())
      body["user"] = *user;
  }
  // top_k has no chat completions equivalent; dropping it only widens sampling slightly.
  if (request.value("stream", json()) == true) {
    body["stream"] = true;
    body["stream_options"] = {{"include_usage", true}};
  }
  // Anthropic refuses an empty conversation; a Chat Completions provider would answer a bare
  // system prompt, and the trace would be a record with nothing to learn from. Checked last, so
  // a field that cannot be translated is named first.
  if (member(request, "messages")->empty())
    throw TranslationError("messages", "must hold at least one turn");
  return body;
}

json anthropic_message_to_chat_message(const json& message) {
  std::string text;
  bool has_text = false;
  json tool_calls = json::array();
  const json* content = member(message, "content");
  for (size_t i = 0; content && content->is_array() && i < content->size(); ++i) {
    const json& block = (*content)[i];
    const json* type = member(block, "type");
    if (!type) continue;
    // Thinking and server-tool blocks have no place in a chat message; traces keep the text.
    if (*type == "text") {
      text += string_member(block, "text");
      has_text = true;
    } else if (*type == "tool_use") {
      const json* input = member(block, "input");
      tool_calls.push_back(tool_call(string_member(block, "id"), string_member(block, "name"),
                                     input ? *input : json::object()));
    }
  }
  json chat = {{"role", "assistant"}, {"content", has_text ? json(text) : json()}};
  if (!tool_calls.empty()) chat["tool_calls"] = std::move(tool_calls);
  return chat;
}

}  // namespace reinforge::protocols
