#include "protocols/responses_object.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace reinforge::protocols::responses_detail {

using nlohmann::json;

namespace {

// The request's value for `key`, or `fallback` when it did not say.
json echoed(const json& request, std::string_view key, json fallback) {
  const json* value = member(request, key);
  return value ? *value : std::move(fallback);
}

// The part of the response id after its "resp_" style prefix.
std::string id_suffix(const std::string& response_id) {
  size_t underscore = response_id.find('_');
  return underscore == std::string::npos ? response_id : response_id.substr(underscore + 1);
}

// A token count as an integer whatever the upstream wrote (a float, a huge number, a string).
int64_t token_count(const json* value) {
  constexpr auto max = std::numeric_limits<int64_t>::max();
  if (!value) return 0;
  if (value->is_number_unsigned()) return std::min<uint64_t>(value->get<uint64_t>(), max);
  if (value->is_number_integer()) return value->get<int64_t>();
  if (value->is_number_float()) {
    double count = value->get<double>();
    // 2^63 as a double; casting anything at or past it is undefined behaviour.
    if (std::isfinite(count) && count > -9.2e18 && count < 9.2e18)
      return static_cast<int64_t>(count);
  }
  return 0;
}

}  // namespace

const json* first_choice(const json& chat) {
  const json* choices = member(chat, "choices");
  if (!choices || !choices->is_array()) return nullptr;
  for (const json& choice : *choices) {
    const json* index = member(choice, "index");
    if (!index || *index == 0) return &choice;
  }
  return nullptr;
}

std::string json_text(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json response_skeleton(const json& request, const std::string& response_id, int64_t created_at) {
  json text = echoed(request, "text", json::object());
  if (!text.is_object()) text = json::object();
  if (!text.contains("format")) text["format"] = {{"type", "text"}};
  return {
      {"id", response_id},
      {"object", "response"},
      {"created_at", created_at},
      {"status", "in_progress"},
      {"error", nullptr},
      {"incomplete_details", nullptr},
      {"instructions", echoed(request, "instructions", nullptr)},
      {"max_output_tokens", echoed(request, "max_output_tokens", nullptr)},
      {"metadata", echoed(request, "metadata", json::object())},
      {"model", echoed(request, "model", "")},
      {"output", json::array()},
      {"parallel_tool_calls", echoed(request, "parallel_tool_calls", true)},
      {"previous_response_id", echoed(request, "previous_response_id", nullptr)},
      {"store", echoed(request, "store", true)},
      // Null rather than OpenAI's 1.0: the provider's own default is not known here.
      {"temperature", echoed(request, "temperature", nullptr)},
      {"text", std::move(text)},
      {"tool_choice", echoed(request, "tool_choice", "auto")},
      {"tools", echoed(request, "tools", json::array())},
      {"top_p", echoed(request, "top_p", nullptr)},
      {"truncation", echoed(request, "truncation", "disabled")},
      {"usage", nullptr},
      {"user", echoed(request, "user", nullptr)},
  };
}

std::string message_item_id(const std::string& response_id) {
  return "msg_" + id_suffix(response_id);
}

std::string function_call_item_id(const std::string& response_id, size_t ordinal) {
  return "fc_" + id_suffix(response_id) + "_" + std::to_string(ordinal);
}

std::string generated_call_id(const std::string& response_id, size_t ordinal) {
  return "call_" + id_suffix(response_id) + "_" + std::to_string(ordinal);
}

json output_text_part(std::string text) {
  return {{"type", "output_text"}, {"text", std::move(text)}, {"annotations", json::array()}};
}

json refusal_part(std::string refusal) {
  return {{"type", "refusal"}, {"refusal", std::move(refusal)}};
}

json function_call_item(std::string id, std::string call_id, std::string name,
                        std::string arguments, std::string status) {
  return {{"type", "function_call"},           {"id", std::move(id)},
          {"call_id", std::move(call_id)},     {"name", std::move(name)},
          {"arguments", std::move(arguments)}, {"status", std::move(status)}};
}

json responses_usage(const json& chat_usage) {
  if (!chat_usage.is_object()) return nullptr;
  int64_t input = token_count(member(chat_usage, "prompt_tokens"));
  int64_t output = token_count(member(chat_usage, "completion_tokens"));
  int64_t total = 0;
  if (const json* given = member(chat_usage, "total_tokens"); given && given->is_number()) {
    total = token_count(given);
  } else if (__builtin_add_overflow(input, output, &total)) {
    total = std::numeric_limits<int64_t>::max();
  }
  const json* cached = nullptr;
  if (const json* details = member(chat_usage, "prompt_tokens_details")) {
    cached = member(*details, "cached_tokens");
  }
  const json* reasoning = nullptr;
  if (const json* details = member(chat_usage, "completion_tokens_details")) {
    reasoning = member(*details, "reasoning_tokens");
  }
  return {
      {"input_tokens", input},
      {"input_tokens_details", {{"cached_tokens", token_count(cached)}}},
      {"output_tokens", output},
      {"output_tokens_details", {{"reasoning_tokens", token_count(reasoning)}}},
      {"total_tokens", total},
  };
}

std::string status_for_finish_reason(std::string_view finish_reason) {
  return finish_reason == "length" || finish_reason == "content_filter" ? "incomplete"
                                                                        : "completed";
}

json incomplete_details_for(std::string_view finish_reason) {
  if (finish_reason == "length") return {{"reason", "max_output_tokens"}};
  if (finish_reason == "content_filter") return {{"reason", "content_filter"}};
  return nullptr;
}

}  // namespace reinforge::protocols::responses_detail
