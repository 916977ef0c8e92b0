#include "generation/generated_answer.hpp"

namespace reinforge::generation {

namespace {

using json = nlohmann::json;

// Models asked for JSON without structured output often wrap it in a Markdown fence.
std::string without_fence(const std::string& text) {
  auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || text.compare(start, 3, "```") != 0) return text;
  auto body = text.find('\n', start);
  auto end = text.rfind("```");
  if (body == std::string::npos || end <= body) return text;
  return text.substr(body + 1, end - body - 1);
}

json chat_message(const json& turn) {
  if (!turn.is_object()) return turn;
  json message = json::object();
  for (const auto& [key, value] : turn.items()) {
    if (key == "tool_calls") {
      if (value.is_null() || (value.is_array() && value.empty())) continue;
      if (!value.is_array()) {
        message[key] = value;
        continue;
      }
      json calls = json::array();
      for (const auto& call : value) {
        if (call.is_object() && !call.contains("function")) {
          calls.push_back(
              {{"id", call.value("id", "")},
               {"type", "function"},
               {"function",
                {{"name", call.contains("name") ? call["name"] : json()},
                 {"arguments", call.contains("arguments") ? call["arguments"] : json()}}}});
        } else {
          calls.push_back(call);
        }
      }
      message[key] = calls;
    } else if (key == "tool_call_id" && value.is_null()) {
      continue;
    } else {
      message[key] = value;
    }
  }
  return message;
}

std::string record_line(const json& item, const RecordShape& shape) {
  if (!item.is_object() || !item.contains("messages") || !item["messages"].is_array())
    return item.dump();
  json record = item;
  json messages = json::array();
  if (shape.system_message) messages.push_back(*shape.system_message);
  for (const auto& turn : item["messages"]) {
    // A system turn the model wrote despite the instructions would shadow the shared one.
    if (shape.system_message && turn.is_object() && turn.value("role", "") == "system") continue;
    messages.push_back(chat_message(turn));
  }
  record["messages"] = messages;
  if (shape.tools) record["tools"] = *shape.tools;
  return record.dump();
}

}  // namespace

std::string to_string(AnswerProblem problem) {
  switch (problem) {
    case AnswerProblem::refusal:
      return "refusal";
    case AnswerProblem::not_json:
      return "not_json";
    case AnswerProblem::wrong_shape:
      return "wrong_shape";
    case AnswerProblem::none:
      break;
  }
  return "none";
}

GeneratedAnswer read_generated_answer(const json& message, const RecordShape& shape) {
  GeneratedAnswer answer;
  if (message.is_object() && message.contains("refusal") && message["refusal"].is_string() &&
      !message["refusal"].get<std::string>().empty()) {
    answer.problem = AnswerProblem::refusal;
    answer.detail = message["refusal"].get<std::string>().substr(0, 300);
    return answer;
  }
  auto content = message.is_object() ? message.find("content") : message.end();
  if (!message.is_object() || content == message.end() || !content->is_string()) {
    answer.problem = AnswerProblem::not_json;
    answer.detail = "the answer has no text content";
    return answer;
  }
  json parsed = json::parse(without_fence(content->get<std::string>()), nullptr, false);
  if (parsed.is_discarded()) {
    answer.problem = AnswerProblem::not_json;
    answer.detail = "the answer is not JSON: " + content->get<std::string>().substr(0, 120);
    return answer;
  }
  const json* items = nullptr;
  if (parsed.is_object() && parsed.contains("records") && parsed["records"].is_array()) {
    items = &parsed["records"];
  } else if (parsed.is_array()) {
    items = &parsed;  // a bare list of records is clear enough
  }
  if (!items) {
    answer.problem = AnswerProblem::wrong_shape;
    answer.detail = "the answer has no \"records\" list";
    return answer;
  }
  for (const auto& item : *items) answer.records.push_back(record_line(item, shape));
  return answer;
}

}  // namespace reinforge::generation
