#include "protocols/responses_object.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "protocols/json_object_writer.hpp"

namespace reinforge::protocols::responses_detail {

using nlohmann::json;

namespace {

// The request's value for `key` as JSON text, or `fallback` when it did not say.
std::string echoed(const json& request, std::string_view key, std::string_view fallback) {
  const json* value = member(request, key);
  return value ? json_text(*value) : std::string(fallback);
}

// The part of the response id after its "resp_" style prefix.
std::string_view id_suffix(std::string_view response_id) {
  size_t underscore = response_id.find('_');
  return underscore == std::string_view::npos ? response_id : response_id.substr(underscore + 1);
}

// A token count as an integer whatever the upstream wrote (a float, a huge number, a string).
int64_t token_count(std::optional<JsonElement> value) {
  constexpr auto max = std::numeric_limits<int64_t>::max();
  if (!value) return 0;
  uint64_t unsigned_count = 0;
  if (value->is_uint64() && !value->get_uint64().get(unsigned_count)) {
    return static_cast<int64_t>(std::min<uint64_t>(unsigned_count, max));
  }
  int64_t count = 0;
  if (value->is_int64() && !value->get_int64().get(count)) return count;
  double floating = 0;
  if (value->is_double() && !value->get_double().get(floating)) {
    // 2^63 as a double; casting anything at or past it is undefined behaviour.
    if (std::isfinite(floating) && floating > -9.2e18 && floating < 9.2e18)
      return static_cast<int64_t>(floating);
  }
  return 0;
}

}  // namespace

std::optional<JsonElement> first_choice(JsonElement chat) {
  simdjson::dom::array choices;
  if (auto list = member(chat, "choices"); !list || list->get_array().get(choices)) {
    return std::nullopt;
  }
  for (JsonElement choice : choices) {
    auto index = member(choice, "index");
    double number = 0;
    if (!index) return choice;
    // nlohmann's `index == 0`: any number equal to zero (0, 0.0, -0.0).
    if (index->is_number() && !index->get_double().get(number) && number == 0) return choice;
  }
  return std::nullopt;
}

std::string json_text(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string message_item_id(std::string_view response_id) {
  return "msg_" + std::string(id_suffix(response_id));
}

std::string function_call_item_id(std::string_view response_id, size_t ordinal) {
  return "fc_" + std::string(id_suffix(response_id)) + "_" + std::to_string(ordinal);
}

std::string generated_call_id(std::string_view response_id, size_t ordinal) {
  return "call_" + std::string(id_suffix(response_id)) + "_" + std::to_string(ordinal);
}

void write_part(std::string& out, const ContentPart& part) {
  JsonObjectWriter object(out);
  if (part.refusal) {
    object.string("refusal", part.text).string("type", "refusal");
  } else {
    object.raw("annotations", "[]").string("text", part.text).string("type", "output_text");
  }
  object.close();
}

void write_item(std::string& out, const OutputItem& item) {
  JsonObjectWriter object(out);
  if (item.is_message) {
    std::string& content = object.key("content");
    content += '[';
    for (size_t i = 0; i < item.content.size(); ++i) {
      if (i) content += ',';
      write_part(content, item.content[i]);
    }
    content += ']';
    object.string("id", item.id).string("role", "assistant").string("status", item.status);
    object.string("type", "message");
  } else {
    object.string("arguments", item.arguments).string("call_id", item.call_id);
    object.string("id", item.id).string("name", item.name).string("status", item.status);
    object.string("type", "function_call");
  }
  object.close();
}

std::optional<ResponsesUsage> responses_usage(JsonElement chat_usage) {
  if (!chat_usage.is_object()) return std::nullopt;
  ResponsesUsage usage;
  usage.input_tokens = token_count(member(chat_usage, "prompt_tokens"));
  usage.output_tokens = token_count(member(chat_usage, "completion_tokens"));
  if (auto given = member(chat_usage, "total_tokens"); given && given->is_number()) {
    usage.total_tokens = token_count(given);
  } else if (__builtin_add_overflow(usage.input_tokens, usage.output_tokens, &usage.total_tokens)) {
    usage.total_tokens = std::numeric_limits<int64_t>::max();
  }
  if (auto details = member(chat_usage, "prompt_tokens_details")) {
    usage.cached_tokens = token_count(member(*details, "cached_tokens"));
  }
  if (auto details = member(chat_usage, "completion_tokens_details")) {
    usage.reasoning_tokens = token_count(member(*details, "reasoning_tokens"));
  }
  return usage;
}

std::string_view status_for_finish_reason(std::string_view finish_reason) {
  return finish_reason == "length" || finish_reason == "content_filter" ? "incomplete"
                                                                        : "completed";
}

std::string_view incomplete_details_for(std::string_view finish_reason) {
  if (finish_reason == "length") return R"({"reason":"max_output_tokens"})";
  if (finish_reason == "content_filter") return R"({"reason":"content_filter"})";
  return "null";
}

ResponseWriter::ResponseWriter(const json& request, std::string_view response_id,
                               int64_t created_at) {
  // Appends `"key":` and the request's value, or `fallback` when it did not say.
  auto echo = [&request](std::string& out, std::string_view key, std::string_view fallback) {
    out += ",\"";
    out += key;
    out += "\":";
    const json* value = member(request, key);
    out += value ? json_text(*value) : fallback;
  };
  // The fields around the state's, in key order: created_at, [error], id, [incomplete_details],
  // instructions, ..., [model], object, [output], ..., [status], ..., [usage], user.
  fixed_[0] = "{\"created_at\":" + std::to_string(created_at) + ",\"error\":";
  fixed_[1] = ",\"id\":" + util::json_string(response_id) + ",\"incomplete_details\":";
  echo(fixed_[2], "instructions", "null");
  echo(fixed_[2], "max_output_tokens", "null");
  echo(fixed_[2], "metadata", "{}");
  fixed_[2] += ",\"model\":";
  fixed_[3] = ",\"object\":\"response\",\"output\":";
  echo(fixed_[4], "parallel_tool_calls", "true");
  echo(fixed_[4], "previous_response_id", "null");
  fixed_[4] += ",\"status\":";
  echo(fixed_[5], "store", "true");
  // Null rather than OpenAI's 1.0: the provider's own default is not known here.
  echo(fixed_[5], "temperature", "null");
  fixed_[5] += ",\"text\":";
  if (const json* text = member(request, "text"); text && text->is_object()) {
    json with_format = *text;
    if (!with_format.contains("format")) with_format["format"] = {{"type", "text"}};
    fixed_[5] += json_text(with_format);
  } else {
    fixed_[5] += R"({"format":{"type":"text"}})";
  }
  echo(fixed_[5], "tool_choice", "\"auto\"");
  echo(fixed_[5], "tools", "[]");
  echo(fixed_[5], "top_p", "null");
  echo(fixed_[5], "truncation", "\"disabled\"");
  fixed_[5] += ",\"usage\":";
  echo(fixed_[6], "user", "null");
  fixed_[6] += '}';
  requested_model_ = echoed(request, "model", "\"\"");
}

ResponseState ResponseWriter::initial_state() const {
  ResponseState state;
  state.model = requested_model_;
  return state;
}

void ResponseWriter::write(std::string& out, const ResponseState& state) const {
  out += fixed_[0];
  out += state.error;
  out += fixed_[1];
  out += state.incomplete_details;
  out += fixed_[2];
  out += state.model;
  out += fixed_[3];
  out += '[';
  for (size_t i = 0; i < state.output.size(); ++i) {
    if (i) out += ',';
    write_item(out, state.output[i]);
  }
  out += ']';
  out += fixed_[4];
  util::append_json_string(out, state.status);
  out += fixed_[5];
  if (state.usage) {
    const ResponsesUsage& usage = *state.usage;
    JsonObjectWriter object(out);
    object.number("input_tokens", usage.input_tokens);
    object.key("input_tokens_details") += "{\"cached_tokens\":";
    append_number(out, usage.cached_tokens);
    out += '}';
    object.number("output_tokens", usage.output_tokens);
    object.key("output_tokens_details") += "{\"reasoning_tokens\":";
    append_number(out, usage.reasoning_tokens);
    out += '}';
    object.number("total_tokens", usage.total_tokens);
    object.close();
  } else {
    out += "null";
  }
  out += fixed_[6];
}

}  // namespace reinforge::protocols::responses_detail
