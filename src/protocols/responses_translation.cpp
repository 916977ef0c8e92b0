// The request half of Responses <-> Chat Completions, and the Response a Responses stream ends
// with; the whole answer is in responses_answer_translation.cpp, the streamed one in
// responses_stream_translation.cpp. Field names and shapes follow OpenAI's API reference for
// POST /v1/responses and POST /v1/chat/completions.
#include "protocols/json_members.hpp"
#include "protocols/responses_translation.hpp"

#include <algorithm>
#include <array>


namespace reinforge::protocols {

using nlohmann::json;

namespace {

std::string indexed(const std::string& field, size_t index) {
  return field + "[" + std::to_string(index) + "]";
}

// Tools OpenAI runs on its own servers; a chat-completions provider only returns function calls.
bool is_built_in_tool(std::string_view type) {
  static constexpr std::array<std::string_view, 10> kBuiltIn = {
      "file_search", "computer_use_preview", "computer_use",
      "computer",    "code_interpreter",     "image_generation",
      "mcp",         "local_shell",          "shell",
      "apply_patch"};
  return type.starts_with("web_search") ||
         std::find(kBuiltIn.begin(), kBuiltIn.end(), type) != kBuiltIn.end();
}

TranslationError built_in_tool_error(const std::string& field, const std::string& type) {
  return TranslationError(field, "'" + type +
                                     "' is a built-in tool; a chat-completions provider cannot "
                                     "run it. Offer it as a function tool instead");
}

// The chat content for a list of parts: one text part as a plain string (what most providers
// and datasets expect), anything else as the parts themselves.
json content_from_parts(json parts) {
  if (parts.size() == 1 && parts[0]["type"] == "text") return parts[0]["text"];
  return parts;
}

json text_part(const json& part, const std::string& field) {
  const json* text = member(part, "text");
  if (!text || !text->is_string()) throw TranslationError(field + ".text", "must be a string");
  return {{"type", "text"}, {"text", *text}};
}

json image_part(const json& part, const std::string& field) {
  if (member(part, "file_id")) {
    throw TranslationError(field + ".file_id",
                           "an OpenAI file id cannot be fetched by a chat-completions provider; "
                           "send the image as image_url (a URL or a data: URL)");
  }
  const json* url = member(part, "image_url");
  if (!url || !url->is_string()) {
    throw TranslationError(field + ".image_url", "must be a URL or a data: URL");
  }
  json image = {{"url", *url}};
  if (const json* detail = member(part, "detail"); detail && detail->is_string()) {
    image["detail"] = *detail;
  }
  return {{"type", "image_url"}, {"image_url", std::move(image)}};
}

json file_part(const json& part, const std::string& field) {
  const json* data = member(part, "file_data");
  if (!data || !data->is_string()) {
    throw TranslationError(field + ".file_data",
                           "a chat-completions provider can only be sent a file's contents; "
                           "send file_data (a base64 data: URL) instead of a file id or URL");
  }
  json file = {{"file_data", *data}};
  if (const json* name = member(part, "filename"); name && name->is_string()) {
    file["filename"] = *name;
  }
  return {{"type", "file"}, {"file", std::move(file)}};
}

// A message item (type "message", or an easy message with only a role) as a chat message.
json message_from_item(const json& item, const std::string& field) {
  std::string role = string_member(item, "role");
  if (role == "developer") role = "system";  // chat's older name for the same thing
  if (role != "user" && role != "assistant" && role != "system") {
    throw TranslationError(field + ".role", "must be user, assistant, system or developer");
  }
  json message = {{"role", role}};
  const json* content = member(item, "content");
  if (!content) throw TranslationError(field + ".content", "is required");
  if (content->is_string()) {
    message["content"] = *content;
    return message;
  }
  if (!content->is_array()) {
    throw TranslationError(field + ".content", "must be a string or an array of content parts");
  }
  json parts = json::array();
  std::string refusal;
  for (size_t i = 0; i < content->size(); ++i) {
    const json& part = (*content)[i];
    std::string part_field = indexed(field + ".content", i);
    std::string type = string_member(part, "type");
    if (type == "input_text" || type == "output_text") {
      parts.push_back(text_part(part, part_field));
    } else if (type == "refusal" && role == "assistant") {
      refusal += string_member(part, "refusal");
    } else if ((type == "input_image" || type == "input_file") && role == "user") {
      parts.push_back(type == "input_image" ? image_part(part, part_field)
                                            : file_part(part, part_field));
    } else if (type == "input_image" || type == "input_file" || type == "refusal") {
      throw TranslationError(part_field + ".type",
                             "'" + type + "' cannot appear in a " + role + " message");
    } else {
      throw TranslationError(part_field + ".type", "unknown content part type '" + type + "'");
    }
  }
  if (parts.empty()) {
    message["content"] = role == "assistant" ? json(nullptr) : json("");
  } else {
    message["content"] = content_from_parts(std::move(parts));
  }
  if (!refusal.empty()) message["refusal"] = refusal;
  return message;
}

json tool_call_from_item(const json& item, const std::string& field) {
  std::string call_id = string_member(item, "call_id");
  if (call_id.empty()) throw TranslationError(field + ".call_id", "is required");
  std::string name = string_member(item, "name");
  if (name.empty()) throw TranslationError(field + ".name", "is required");
  const json* arguments = member(item, "arguments");
  if (arguments && !arguments->is_string()) {
    throw TranslationError(field + ".arguments", "must be a string of JSON");
  }
  return {{"id", call_id},
          {"type", "function"},
          {"function", {{"name", name}, {"arguments", arguments ? *arguments : json("{}")}}}};
}

json tool_message_from_item(const json& item, const std::string& field) {
  std::string call_id = string_member(item, "call_id");
  if (call_id.empty()) throw TranslationError(field + ".call_id", "is required");
  const json* output = member(item, "output");
  json content;
  if (output && output->is_string()) {
    content = *output;
  } else if (output && output->is_array()) {
    // A chat tool message carries text only.
    json parts = json::array();
    for (size_t i = 0; i < output->size(); ++i) {
      const json& part = (*output)[i];
      std::string part_field = indexed(field + ".output", i);
      std::string type = string_member(part, "type");
      if (type != "input_text" && type != "output_text") {
        throw TranslationError(
            part_field + ".type",
            "a chat-completions tool result carries text only, not '" + type + "'");
      }
      parts.push_back(text_part(part, part_field));
    }
    content = parts.empty() ? json("") : content_from_parts(std::move(parts));
  } else {
    throw TranslationError(field + ".output", "must be a string or an array of content parts");
  }
  return {{"role", "tool"}, {"tool_call_id", call_id}, {"content", std::move(content)}};
}

// The chat messages for `input` alone (instructions apart).
json input_messages(const json& request) {
  json messages = json::array();
  const json* input = member(request, "input");
  if (!input || input->is_null()) return messages;
  if (input->is_string()) {
    messages.push_back({{"role", "user"}, {"content", *input}});
    return messages;
  }
  if (!input->is_array()) throw TranslationError("input", "must be a string or an array of items");
  // Whether the last message is an assistant turn that following function_call items join:
  // chat completions puts a turn's text and its tool calls in one assistant message.
  bool assistant_turn_open = false;
  for (size_t i = 0; i < input->size(); ++i) {
    const json& item = (*input)[i];
    std::string field = indexed("input", i);
    if (!item.is_object()) throw TranslationError(field, "must be an object");
    std::string type = string_member(item, "type");
    if (type.empty() && member(item, "role")) type = "message";
    if (type == "message") {
      messages.push_back(message_from_item(item, field));
      assistant_turn_open = messages.back()["role"] == "assistant";
    } else if (type == "function_call") {
      json call = tool_call_from_item(item, field);
      if (assistant_turn_open) {
        messages.back()["tool_calls"].push_back(std::move(call));
      } else {
        messages.push_back(
            {{"role", "assistant"}, {"content", nullptr}, {"tool_calls", json::array({call})}});
      }
      assistant_turn_open = true;
    } else if (type == "function_call_output") {
      messages.push_back(tool_message_from_item(item, field));
      assistant_turn_open = false;
    } else if (type == "reasoning") {
      // Another model's reasoning means nothing to the provider; dropping it keeps the turn open.
    } else if (type == "item_reference") {
      throw TranslationError(field + ".type",
                             "item_reference needs items stored at OpenAI; send the item itself");
    } else {
      throw TranslationError(
          field + ".type", type.empty() ? "is required" : "unknown input item type '" + type + "'");
    }
  }
  return messages;
}

json system_message_for_instructions(const json& request) {
  const json* instructions = member(request, "instructions");
  if (!instructions || instructions->is_null()) return nullptr;
  if (!instructions->is_string()) throw TranslationError("instructions", "must be a string");
  if (instructions->get_ref<const std::string&>().empty()) return nullptr;
  return {{"role", "system"}, {"content", *instructions}};
}

json chat_tools(const json& tools) {
  if (!tools.is_array()) throw TranslationError("tools", "must be an array");
  json translated = json::array();
  for (size_t i = 0; i < tools.size(); ++i) {
    const json& tool = tools[i];
    std::string field = indexed("tools", i);
    std::string type = string_member(tool, "type");
    if (is_built_in_tool(type)) throw built_in_tool_error(field + ".type", type);
    if (type != "function") {
      throw TranslationError(field + ".type", "unknown tool type '" + type +
                                                  "'; only function tools can be translated");
    }
    std::string name = string_member(tool, "name");
    if (name.empty()) throw TranslationError(field + ".name", "is required");
    json function = {{"name", name}};
    for (const char* key : {"description", "parameters", "strict"}) {
      if (const json* value = member(tool, key); value && !value->is_null()) function[key] = *value;
    }
    translated.push_back({{"type", "function"}, {"function", std::move(function)}});
  }
  return translated;
}

json chat_tool_choice(const json& choice) {
  if (choice.is_string()) {
    if (choice == "auto" || choice == "none" || choice == "required") return choice;
    throw TranslationError("tool_choice", "must be auto, none, required or a function");
  }
  if (!choice.is_object()) throw TranslationError("tool_choice", "must be a string or an object");
  std::string type = string_member(choice, "type");
  if (type == "function") {
    std::string name = string_member(choice, "name");
    if (name.empty()) throw TranslationError("tool_choice.name", "is required");
    return {{"type", "function"}, {"function", {{"name", name}}}};
  }
  if (is_built_in_tool(type)) throw built_in_tool_error("tool_choice.type", type);
  throw TranslationError(
      "tool_choice.type",
      "'" + type + "' cannot be translated; use auto, none, required or a function");
}

// The chat response_format for text.format; null for plain text.
json chat_response_format(const json& text) {
  const json* format = member(text, "format");
  if (!format || format->is_null()) return nullptr;
  std::string type = string_member(*format, "type");
  if (type == "text") return nullptr;
  if (type == "json_object") return {{"type", "json_object"}};
  if (type != "json_schema") {
    throw TranslationError("text.format.type",
                           "must be text, json_object or json_schema, not '" + type + "'");
  }
  std::string name = string_member(*format, "name");
  if (name.empty()) throw TranslationError("text.format.name", "is required");
  const json* schema = member(*format, "schema");
  if (!schema || !schema->is_object()) {
    throw TranslationError("text.format.schema", "must be a JSON Schema object");
  }
  json json_schema = {{"name", name}, {"schema", *schema}};
  for (const char* key : {"strict", "description"}) {
    if (const json* value = member(*format, key); value && !value->is_null()) {
      json_schema[key] = *value;
    }
  }
  return {{"type", "json_schema"}, {"json_schema", std::move(json_schema)}};
}

// Fields that ask OpenAI to keep or fetch state on its side, which no chat provider has.
void refuse_openai_state(const json& request) {
  if (const json* background = member(request, "background"); background && *background == true) {
    throw TranslationError("background",
                           "background responses are not supported here; send the request "
                           "without background");
  }
  if (const json* prompt = member(request, "prompt"); prompt && !prompt->is_null()) {
    throw TranslationError("prompt",
                           "stored prompt templates live at OpenAI; send instructions and input");
  }
  if (const json* conversation = member(request, "conversation");
      conversation && !conversation->is_null()) {
    throw TranslationError("conversation",
                           "conversations live at OpenAI; use previous_response_id or send the "
                           "whole input");
  }
}

}  // namespace

json responses_input_to_messages(const json& request) {
  json messages = json::array();
  if (json system = system_message_for_instructions(request); !system.is_null()) {
    messages.push_back(std::move(system));
  }
  for (json& message : input_messages(request)) messages.push_back(std::move(message));
  return messages;
}

json responses_request_to_chat(const json& request, const json& previous_messages) {
  if (!request.is_object()) throw TranslationError("body", "must be a JSON object");
  refuse_openai_state(request);
  json body = json::object();
  if (const json* model = member(request, "model")) body["model"] = *model;

  json messages = json::array();
  if (json system = system_message_for_instructions(request); !system.is_null()) {
    messages.push_back(std::move(system));
  }
  if (previous_messages.is_array()) {
    for (const json& message : previous_messages) messages.push_back(message);
  }
  for (json& message : input_messages(request)) messages.push_back(std::move(message));
  const bool nothing_to_answer =
      std::none_of(messages.begin(), messages.end(),
                   [](const json& message) { return message.value("role", "") != "system"; });
  body["messages"] = std::move(messages);

  bool has_tools = false;
  if (const json* tools = member(request, "tools"); tools && !tools->is_null()) {
    json translated = chat_tools(*tools);
    has_tools = !translated.empty();
    if (has_tools) body["tools"] = std::move(translated);
  }
  if (const json* choice = member(request, "tool_choice"); choice && !choice->is_null()) {
    body["tool_choice"] = chat_tool_choice(*choice);
  }
  if (const json* text = member(request, "text"); text && !text->is_null()) {
    if (!text->is_object()) throw TranslationError("text", "must be an object");
    if (json format = chat_response_format(*text); !format.is_null()) {
      body["response_format"] = std::move(format);
    }
  }
  if (const json* max = member(request, "max_output_tokens"); max && !max->is_null()) {
    if (!max->is_number_integer() || max->get<int64_t>() < 1)
      throw TranslationError("max_output_tokens", "must be a whole number of tokens, at least 1");
    body["max_tokens"] = *max;
  }
  for (const char* key : {"temperature", "top_p", "user"}) {
    if (const json* value = member(request, key); value && !value->is_null()) body[key] = *value;
  }
  // OpenAI's chat endpoint refuses parallel_tool_calls on a request without tools.
  if (const json* parallel = member(request, "parallel_tool_calls");
      has_tools && parallel && !parallel->is_null()) {
    body["parallel_tool_calls"] = *parallel;
  }
  if (const json* stream = member(request, "stream"); stream && *stream == true) {
    body["stream"] = true;
    body["stream_options"] = {{"include_usage", true}};
  }
  // Checked last, so a field that cannot be translated is named first.
  if (nothing_to_answer)
    throw TranslationError("input", "is required: a string or an array of items to answer");
  return body;
}

json assemble_responses_stream(std::string_view sse_text) {
  static constexpr std::array<std::string_view, 3> kFinal = {
      "response.completed", "response.incomplete", "response.failed"};
  auto names_a_final_type = [](std::string_view text) {
    return std::any_of(kFinal.begin(), kFinal.end(),
                       [&](std::string_view type) { return text.find(type) != text.npos; });
  };
  SseReader reader;
  std::vector<SseEvent> events = reader.feed(sse_text);
  for (SseEvent& event : reader.finish()) events.push_back(std::move(event));
  json last = json::object();
  for (const SseEvent& event : events) {
    // Only the final event counts: the others are not parsed (a trace's stream has one per
    // delta). A type spelled with \u escapes is not looked for.
    if (!names_a_final_type(event.event) && !names_a_final_type(event.data)) continue;
    json data = json::parse(event.data, nullptr, false);
    std::string type = string_member(data, "type");
    if (type.empty()) type = event.event;
    if (std::find(kFinal.begin(), kFinal.end(), type) == kFinal.end()) continue;
    if (const json* response = member(data, "response"); response && response->is_object()) {
      last = *response;
    }
  }
  return last;
}

}  // namespace reinforge::protocols
