#include "gateway/stream_assembler.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace reinforge::gateway {

namespace {

using nlohmann::json;

TokenUsage usage_from_json(const json& usage) {
  TokenUsage result;
  if (!usage.is_object()) return result;
  auto read = [&](const char* key) -> std::optional<int64_t> {
    if (usage.contains(key) && usage[key].is_number_integer()) return usage[key].get<int64_t>();
    return std::nullopt;
  };
  result.prompt_tokens = read("prompt_tokens");
  result.completion_tokens = read("completion_tokens");
  result.total_tokens = read("total_tokens");
  return result;
}

void append_string(json& target, const char* key, const json& piece) {
  if (!piece.is_string()) return;
  if (!target.contains(key) || !target[key].is_string()) target[key] = "";
  target[key] = target[key].get<std::string>() + piece.get<std::string>();
}

struct ChoiceState {
  json message = json{{"role", "assistant"}, {"content", nullptr}};
  std::map<int64_t, json> tool_calls;  // by the index the deltas carry
  json finish_reason = nullptr;
  json logprobs = nullptr;
};

void apply_delta(ChoiceState& choice, const json& delta) {
  if (!delta.is_object()) return;
  if (delta.contains("role") && delta["role"].is_string()) choice.message["role"] = delta["role"];
  if (delta.contains("content")) append_string(choice.message, "content", delta["content"]);
  if (delta.contains("refusal")) append_string(choice.message, "refusal", delta["refusal"]);
  if (!delta.contains("tool_calls") || !delta["tool_calls"].is_array()) return;
  for (const auto& call_delta : delta["tool_calls"]) {
    int64_t index = call_delta.value("index", static_cast<int64_t>(choice.tool_calls.size()));
    auto& call = choice.tool_calls[index];
    if (call.is_null()) call = json{{"id", ""}, {"type", "function"}, {"function", {{"name", ""}, {"arguments", ""}}}};
    if (call_delta.contains("id") && call_delta["id"].is_string()) call["id"] = call_delta["id"];
    if (call_delta.contains("type") && call_delta["type"].is_string()) call["type"] = call_delta["type"];
    if (call_delta.contains("function") && call_delta["function"].is_object()) {
      const auto& function = call_delta["function"];
      if (function.contains("name")) append_string(call["function"], "name", function["name"]);
      if (function.contains("arguments")) append_string(call["function"], "arguments", function["arguments"]);
    }
  }
}

}  // namespace

AssembledResponse assemble_chat_stream(std::string_view sse_text) {
  AssembledResponse result;
  json completion = json::object();
  std::map<int64_t, ChoiceState> choices;
  std::size_t start = 0;
  while (start < sse_text.size()) {
    std::size_t end = sse_text.find('\n', start);
    if (end == std::string_view::npos) end = sse_text.size();
    std::string_view line = sse_text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.rfind("data:", 0) != 0) continue;
    line.remove_prefix(5);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line == "[DONE]") break;
    auto chunk = json::parse(line, nullptr, false);
    if (!chunk.is_object()) continue;
    if (chunk.contains("error")) {
      const auto& error = chunk["error"];
      result.error = error.is_object() ? error.value("message", error.dump()) : error.dump();
      continue;
    }
    for (const char* key : {"id", "created", "model", "system_fingerprint", "service_tier"}) {
      if (chunk.contains(key) && !chunk[key].is_null()) completion[key] = chunk[key];
    }
    if (chunk.contains("usage") && chunk["usage"].is_object()) {
      completion["usage"] = chunk["usage"];
      result.usage = usage_from_json(chunk["usage"]);
    }
    if (!chunk.contains("choices") || !chunk["choices"].is_array()) continue;
    for (const auto& choice : chunk["choices"]) {
      int64_t index = choice.value("index", static_cast<int64_t>(0));
      auto& state = choices[index];
      if (choice.contains("delta")) apply_delta(state, choice["delta"]);
      if (choice.contains("finish_reason") && !choice["finish_reason"].is_null()) {
        state.finish_reason = choice["finish_reason"];
      }
      if (choice.contains("logprobs") && !choice["logprobs"].is_null()) state.logprobs = choice["logprobs"];
    }
  }
  completion["object"] = "chat.completion";
  json choice_list = json::array();
  for (auto& [index, state] : choices) {
    if (!state.tool_calls.empty()) {
      json calls = json::array();
      for (auto& [call_index, call] : state.tool_calls) calls.push_back(std::move(call));
      state.message["tool_calls"] = std::move(calls);
    }
    choice_list.push_back(json{{"index", index},
                               {"message", std::move(state.message)},
                               {"logprobs", state.logprobs},
                               {"finish_reason", state.finish_reason}});
  }
  completion["choices"] = std::move(choice_list);
  result.json = completion.dump();
  return result;
}

// simdjson: this runs for every non-streamed trace, and only "usage" is needed.
TokenUsage usage_of_response(std::string_view body) {
  thread_local simdjson::ondemand::parser parser;
  TokenUsage usage;
  simdjson::padded_string padded(body);
  simdjson::ondemand::document document;
  simdjson::ondemand::object object;
  if (parser.iterate(padded).get(document) || document.get_object().get(object)) return usage;
  simdjson::ondemand::object fields;
  if (object.find_field_unordered("usage").get_object().get(fields)) return usage;
  for (auto field : fields) {
    std::string_view key;
    int64_t value = 0;
    if (field.unescaped_key().get(key) || field.value().get_int64().get(value)) continue;
    if (key == "prompt_tokens") usage.prompt_tokens = value;
    if (key == "completion_tokens") usage.completion_tokens = value;
    if (key == "total_tokens") usage.total_tokens = value;
  }
  return usage;
}

}  // namespace reinforge::gateway
