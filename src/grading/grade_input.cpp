#include "grading/grade_input.hpp"

namespace reinforge::grading {

namespace {

std::string content_text(const nlohmann::json& content) {
  if (content.is_string()) return content.get<std::string>();
  std::string text;
  if (content.is_array()) {
    for (const auto& part : content) {
      if (part.is_object() && part.value("type", "") == "text" && part.contains("text") && part["text"].is_string()) {
        text += part["text"].get<std::string>();
      }
    }
  }
  return text;
}

}  // namespace

Sample sample_from_message(const nlohmann::json& message, std::string finish_reason) {
  Sample sample;
  sample.finish_reason = std::move(finish_reason);
  if (!message.is_object()) return sample;
  if (message.contains("content")) sample.output_text = content_text(message["content"]);
  if (message.contains("tool_calls") && message["tool_calls"].is_array()) {
    for (const auto& call : message["tool_calls"]) {
      if (!call.is_object()) continue;
      ToolCall tool_call;
      if (call.contains("id") && call["id"].is_string()) tool_call.id = call["id"].get<std::string>();
      if (call.contains("function") && call["function"].is_object()) {
        const auto& function = call["function"];
        if (function.contains("name") && function["name"].is_string()) tool_call.name = function["name"].get<std::string>();
        if (function.contains("arguments")) {
          const auto& arguments = function["arguments"];
          tool_call.arguments = arguments.is_string() ? arguments.get<std::string>() : arguments.dump();
        }
      }
      sample.tool_calls.push_back(std::move(tool_call));
    }
  }
  return sample;
}

RecordParts split_record(const nlohmann::json& record) {
  RecordParts parts;
  if (!record.is_object() || !record.contains("messages") || !record["messages"].is_array()) return parts;
  const auto& messages = record["messages"];
  size_t reference_at = messages.size();
  for (size_t i = messages.size(); i-- > 0;) {
    if (messages[i].is_object() && messages[i].value("role", "") == "assistant") {
      reference_at = i;
      break;
    }
  }
  for (size_t i = 0; i < reference_at; ++i) parts.prompt_messages.push_back(messages[i]);
  if (reference_at < messages.size()) {
    bool has_tool_calls = messages[reference_at].contains("tool_calls");
    parts.reference_answer = sample_from_message(messages[reference_at], has_tool_calls ? "tool_calls" : "stop");
  }
  return parts;
}

nlohmann::json tool_calls_to_json(const std::vector<ToolCall>& tool_calls) {
  auto calls = nlohmann::json::array();
  for (const auto& call : tool_calls) {
    auto arguments = nlohmann::json::parse(call.arguments, nullptr, false);
    if (arguments.is_discarded()) arguments = call.arguments;
    calls.push_back({{"id", call.id}, {"name", call.name}, {"arguments", std::move(arguments)}});
  }
  return calls;
}

nlohmann::json sample_to_json(const Sample& sample) {
  auto output_json = nlohmann::json::parse(sample.output_text, nullptr, false);
  if (output_json.is_discarded()) output_json = nullptr;
  return {{"output_text", sample.output_text},
          {"output_json", std::move(output_json)},
          {"tool_calls", tool_calls_to_json(sample.tool_calls)},
          {"finish_reason", sample.finish_reason}};
}

GradeInput make_grade_input(const nlohmann::json& record, Sample sample, std::string objective) {
  GradeInput input;
  auto parts = split_record(record);
  input.item = nlohmann::json::object();
  if (record.is_object()) {
    for (const auto& [key, value] : record.items()) {
      if (key != "messages") input.item[key] = value;
    }
  }
  input.item["messages"] = std::move(parts.prompt_messages);
  if (!input.item.contains("tools")) input.item["tools"] = nlohmann::json::array();
  input.record_has_reference_field = input.item.contains("reference");
  if (!input.record_has_reference_field) {
    input.item["reference"] = parts.reference_answer ? sample_to_json(*parts.reference_answer) : nlohmann::json();
  }
  input.reference_answer = std::move(parts.reference_answer);
  input.sample = std::move(sample);
  input.objective = std::move(objective);
  return input;
}

std::string reference_text(const GradeInput& input) {
  if (input.record_has_reference_field && !input.item["reference"].is_null()) {
    const auto& reference = input.item["reference"];
    return reference.is_string() ? reference.get<std::string>() : reference.dump();
  }
  if (!input.reference_answer) return "";
  if (!input.reference_answer->output_text.empty() || input.reference_answer->tool_calls.empty()) {
    return input.reference_answer->output_text;
  }
  return tool_calls_to_json(input.reference_answer->tool_calls).dump();
}

}  // namespace reinforge::grading
