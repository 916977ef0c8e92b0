#include "protocols/messages_object.hpp"

#include <algorithm>
#include <limits>

#include "protocols/json_members.hpp"
#include "protocols/json_object_writer.hpp"

namespace reinforge::protocols::messages_detail {

using nlohmann::json;

namespace {

// A token count: a non-negative integer, else 0.
int64_t count_member(const json& object, std::string_view key) {
  const json* value = member(object, key);
  if (!value || !value->is_number_integer()) return 0;
  if (value->is_number_unsigned()) {
    return static_cast<int64_t>(
        std::min<uint64_t>(value->get<uint64_t>(), std::numeric_limits<int64_t>::max()));
  }
  return std::max<int64_t>(0, value->get<int64_t>());
}

}  // namespace

std::string model_of(const json& request, std::string_view upstream_model) {
  const json* model = member(request, "model");
  return model && model->is_string() ? model->get<std::string>() : std::string(upstream_model);
}

std::string generated_tool_id(std::string_view message_id, int64_t ordinal) {
  return "toolu_" + std::string(message_id) + "_" + std::to_string(ordinal);
}

json messages_usage(const json& chat_usage) {
  int64_t prompt = count_member(chat_usage, "prompt_tokens");
  json usage = {{"input_tokens", prompt},
                {"output_tokens", count_member(chat_usage, "completion_tokens")}};
  const json* details = member(chat_usage, "prompt_tokens_details");
  if (details && member(*details, "cached_tokens")) {
    int64_t cached = std::min(prompt, count_member(*details, "cached_tokens"));
    usage["input_tokens"] = prompt - cached;
    usage["cache_read_input_tokens"] = cached;
  }
  return usage;
}

json tool_input(std::string_view arguments) {
  if (arguments.empty()) return json::object();
  json parsed = json::parse(arguments, nullptr, false);
  if (parsed.is_object()) return parsed;
  return {{"_raw_arguments", arguments}};
}

StopReason stop_reason_of(std::string_view finish_reason, const json& matched, bool has_tool_calls,
                          const json& stop_sequences) {
  if (finish_reason == "length") return {"max_tokens", nullptr};
  if (finish_reason == "content_filter") return {"refusal", nullptr};
  if (has_tool_calls || finish_reason == "tool_calls" || finish_reason == "function_call")
    return {"tool_use", nullptr};
  if (matched.is_string() && stop_sequences.is_array() &&
      std::find(stop_sequences.begin(), stop_sequences.end(), matched) != stop_sequences.end()) {
    return {"stop_sequence", matched};
  }
  return {"end_turn", nullptr};
}

MessageEnding message_ending(const StopReason& stop, const json& chat_usage) {
  return {util::json_string(stop.reason), any_json_text(stop.sequence),
          any_json_text(messages_usage(chat_usage))};
}

void write_text_block(std::string& out, std::string_view text) {
  JsonObjectWriter(out).string("text", text).string("type", "text").close();
}

void write_tool_use_block(std::string& out, std::string_view id, std::string_view name,
                          std::string_view input_json) {
  JsonObjectWriter(out)
      .string("id", id)
      .raw("input", input_json)
      .string("name", name)
      .string("type", "tool_use")
      .close();
}

void write_message(std::string& out, std::string_view message_id, std::string_view model,
                   std::string_view content, const MessageEnding& ending) {
  JsonObjectWriter(out)
      .raw("content", content)
      .string("id", message_id)
      .string("model", model)
      .string("role", "assistant")
      .raw("stop_reason", ending.stop_reason)
      .raw("stop_sequence", ending.stop_sequence)
      .string("type", "message")
      .raw("usage", ending.usage)
      .close();
}

std::string any_json_text(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace reinforge::protocols::messages_detail
