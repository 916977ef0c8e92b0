// A whole chat.completion answer as a Response: the upstream's body read with simdjson and the
// Response written as text, with the pieces the stream translation writes too
// (responses_object.hpp), so that a call ends with the same Response streamed or not.
#include <stdexcept>

#include "protocols/json_object_writer.hpp"
#include "protocols/responses_object.hpp"
#include "protocols/responses_translation.hpp"

namespace reinforge::protocols {

using nlohmann::json;
using namespace responses_detail;

namespace {

// The assistant text of a chat message's content (a string or, from some providers, text parts).
std::string chat_content_text(std::optional<JsonElement> message) {
  std::optional<JsonElement> content = message ? member(*message, "content") : std::nullopt;
  if (!content) return "";
  std::string_view text;
  if (!content->get_string().get(text)) return std::string(text);
  std::string joined;
  simdjson::dom::array parts;
  if (!content->get_array().get(parts)) {
    for (JsonElement part : parts) joined += string_member(part, "text");
  }
  return joined;
}

// A tool call's arguments: JSON text as chat gives them, or the text of what a provider sent as
// an object.
std::string arguments_text(std::optional<JsonElement> function) {
  std::optional<JsonElement> arguments = function ? member(*function, "arguments") : std::nullopt;
  if (!arguments) return "";
  std::string_view text;
  if (!arguments->get_string().get(text)) return std::string(text);
  return json_text(to_nlohmann(*arguments));
}

// The assistant chat message of a Response's output: text parts joined (content null without
// any), refusal parts joined, function_call items as tool_calls.
void write_output_message(std::string& out, std::optional<JsonElement> response) {
  std::string text;
  bool has_text = false;
  std::string refusal;
  std::string tool_calls;
  simdjson::dom::array output;
  if (auto list = response ? member(*response, "output") : std::nullopt;
      list && !list->get_array().get(output)) {
    for (JsonElement item : output) {
      std::string_view type = string_member(item, "type");
      simdjson::dom::array content;
      if (type == "message") {
        auto parts = member(item, "content");
        if (!parts || parts->get_array().get(content)) continue;
        for (JsonElement part : content) {
          std::string_view part_type = string_member(part, "type");
          if (part_type == "output_text") {
            text += string_member(part, "text");
            has_text = true;
          } else if (part_type == "refusal") {
            refusal += string_member(part, "refusal");
          }
        }
      } else if (type == "function_call") {
        tool_calls += tool_calls.empty() ? "[" : ",";
        JsonObjectWriter call(tool_calls);
        JsonObjectWriter function(call.key("function"));
        function.string("arguments", string_member(item, "arguments"));
        function.string("name", string_member(item, "name")).close();
        call.string("id", string_member(item, "call_id")).string("type", "function").close();
      }
    }
  }
  JsonObjectWriter message(out);
  if (has_text) {
    message.string("content", text);
  } else {
    message.raw("content", "null");
  }
  if (!refusal.empty()) message.string("refusal", refusal);
  message.string("role", "assistant");
  if (!tool_calls.empty()) message.raw("tool_calls", tool_calls + "]");
  message.close();
}

}  // namespace

std::string chat_response_to_responses_text(std::string_view chat_completion, const json& request,
                                            std::string_view response_id, int64_t created_at) {
  std::optional<JsonElement> chat = parse_upstream_json(chat_completion);
  if (!chat) {
    json unread = json::parse(chat_completion);  // throws nlohmann's parse_error, saying where
    throw std::invalid_argument("the answer could not be read");
  }
  ResponseWriter writer(request, response_id, created_at);
  ResponseState response = writer.initial_state();
  if (auto model = member(*chat, "model"); model && model->is_string()) {
    response.model = util::json_string(std::string_view(*model));
  }
  std::optional<JsonElement> choice = first_choice(*chat);
  std::string_view finish_reason = choice ? string_member(*choice, "finish_reason") : "";
  std::string_view status = status_for_finish_reason(finish_reason);
  std::optional<JsonElement> message = choice ? member(*choice, "message") : std::nullopt;

  OutputItem said;
  said.is_message = true;
  if (std::string text = chat_content_text(message); !text.empty()) {
    said.content.push_back({false, std::move(text)});
  }
  if (std::string_view refusal = message ? string_member(*message, "refusal") : "";
      !refusal.empty()) {
    said.content.push_back({true, std::string(refusal)});
  }
  if (!said.content.empty()) {
    said.id = message_item_id(response_id);
    said.status = status;
    response.output.push_back(std::move(said));
  }
  simdjson::dom::array calls;
  if (auto list = message ? member(*message, "tool_calls") : std::nullopt;
      list && !list->get_array().get(calls)) {
    size_t i = 0;
    for (JsonElement call : calls) {
      OutputItem& item = response.output.emplace_back();
      item.id = function_call_item_id(response_id, i);
      item.call_id = string_member(call, "id");
      if (item.call_id.empty()) item.call_id = generated_call_id(response_id, i);
      std::optional<JsonElement> function = member(call, "function");
      item.name = function ? string_member(*function, "name") : "";
      item.arguments = arguments_text(function);
      item.status = status;
      ++i;
    }
  }
  response.status = status;
  response.incomplete_details = incomplete_details_for(finish_reason);
  if (auto usage = member(*chat, "usage")) response.usage = responses_usage(*usage);
  std::string out;
  writer.write(out, response);
  return out;
}

json chat_response_to_responses(const json& chat_completion, const json& request,
                                const std::string& response_id, int64_t created_at) {
  return json::parse(chat_response_to_responses_text(json_text(chat_completion), request,
                                                     response_id, created_at));
}

json responses_output_to_message(const json& response) {
  std::string message;
  write_output_message(message, parse_upstream_json(json_text(response)));
  return json::parse(message);
}

std::optional<std::string> completed_response_message(std::string_view response) {
  std::optional<JsonElement> parsed = parse_upstream_json(response);
  if (!parsed || string_member(*parsed, "status") != "completed") return std::nullopt;
  std::string message;
  write_output_message(message, parsed);
  return message;
}

}  // namespace reinforge::protocols
