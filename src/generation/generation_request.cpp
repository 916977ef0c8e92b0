#include "generation/generation_request.hpp"

#include <sstream>

namespace reinforge::generation {

namespace {

using json = nlohmann::json;

json nullable(const char* type) {
  return {{"type", json::array({type, "null"})}};
}

// A seed as the model sees it: its turns without the shared system prompt, tool calls written
// the way the answer schema wants them.
json seed_turns(const json& record, bool skip_system) {
  json turns = json::array();
  if (!record.contains("messages") || !record["messages"].is_array()) return turns;
  for (const auto& message : record["messages"]) {
    if (!message.is_object()) continue;
    auto role = message.value("role", "");
    if (skip_system && (role == "system" || role == "developer")) continue;
    json turn = {{"role", role},
                 {"content", message.contains("content") ? message["content"] : json()}};
    if (message.contains("tool_calls") && message["tool_calls"].is_array()) {
      json calls = json::array();
      for (const auto& call : message["tool_calls"]) {
        if (!call.is_object() || !call.contains("function")) continue;
        calls.push_back({{"id", call.value("id", "")},
                         {"name", call["function"].value("name", "")},
                         {"arguments", call["function"].value("arguments", "")}});
      }
      turn["tool_calls"] = calls;
    }
    if (message.contains("tool_call_id")) turn["tool_call_id"] = message["tool_call_id"];
    turns.push_back(std::move(turn));
  }
  return turns;
}

std::string percent(double share) {
  return std::to_string(static_cast<int>(share * 100 + 0.5)) + "%";
}

std::string instructions(const GenerationCall& call) {
  const auto& shape = call.shape;
  std::ostringstream text;
  text << "You write training data for fine-tuning an AI assistant with reinforcement learning. "
          "Each record is one realistic conversation between a user and the assistant.\n";
  if (!call.objective.empty())
    text << "\nWhat the fine-tuned assistant should do: " << call.objective << "\n";
  text << "\nTopic of the records to write: " << call.topic.name << "\n";
  if (!call.topic.description.empty())
    text << "Topic description: " << call.topic.description << "\n";
  if (!call.topic.keywords.empty()) {
    text << "Keywords:";
    for (const auto& keyword : call.topic.keywords) text << " " << keyword;
    text << "\n";
  }
  if (shape.system_message) {
    text << "\nThe assistant works under this system prompt (do not repeat it in your records; it "
            "is added to each):\n"
         << shape.system_message->value("content", json()).dump() << "\n";
  }
  if (shape.tools) {
    text << "\nThe assistant can call these tools (JSON arguments as a string):\n"
         << shape.tools->dump() << "\n";
  }
  text << "\nFormat: each record is a list of messages with role \"user\", \"assistant\" or "
          "\"tool\", starting with a user message.";
  if (shape.records > 0) {
    text << " In this topic " << percent(shape.multi_turn_share)
         << " of the real records have several user turns";
    if (shape.tools) text << ", " << percent(shape.tool_call_share) << " call a tool";
    text << ", and " << percent(shape.reference_share)
         << " end with the assistant's answer. Keep the same proportions.";
  }
  if (shape.reference_share >= kSharedPartShare || shape.records == 0) {
    text << " End each record with the assistant's best possible answer: it serves as the "
            "reference a grader compares against, so make it correct and complete.";
  } else {
    text << " End most records with the user's last message and no assistant answer.";
  }
  if (shape.tools) {
    text << " An assistant message that calls a tool has content null and tool_calls; each call "
            "is answered by a tool message whose tool_call_id is the call's id.";
  }
  text << "\n\nWrite " << call.count
       << " new records. Make them varied: different users, situations, details, lengths and "
          "phrasings, as real traffic on this topic would be. They must clearly belong to the "
          "topic. Never copy or lightly reword the examples: they show the style and format "
          "only.\n\nAnswer with JSON only: {\"records\": [{\"messages\": [...]}, ...]}.";
  return text.str();
}

}  // namespace

json answer_schema(bool with_tools) {
  json message_properties = {
      {"role", {{"type", "string"}, {"enum", json::array({"user", "assistant"})}}},
      {"content", {{"type", "string"}}}};
  json required = json::array({"role", "content"});
  if (with_tools) {
    message_properties["role"]["enum"] = json::array({"user", "assistant", "tool"});
    message_properties["content"] = nullable("string");
    message_properties["tool_calls"] = {{"type", json::array({"array", "null"})},
                                        {"items",
                                         {{"type", "object"},
                                          {"additionalProperties", false},
                                          {"required", json::array({"id", "name", "arguments"})},
                                          {"properties",
                                           {{"id", {{"type", "string"}}},
                                            {"name", {{"type", "string"}}},
                                            {"arguments", {{"type", "string"}}}}}}}};
    message_properties["tool_call_id"] = nullable("string");
    required = json::array({"role", "content", "tool_calls", "tool_call_id"});
  }
  json message = {{"type", "object"},
                  {"additionalProperties", false},
                  {"required", required},
                  {"properties", message_properties}};
  json record = {{"type", "object"},
                 {"additionalProperties", false},
                 {"required", json::array({"messages"})},
                 {"properties", {{"messages", {{"type", "array"}, {"items", message}}}}}};
  return {{"type", "object"},
          {"additionalProperties", false},
          {"required", json::array({"records"})},
          {"properties", {{"records", {{"type", "array"}, {"items", record}}}}}};
}

json generation_request(const GenerationCall& call) {
  json examples = json::array();
  for (const auto& seed : call.seeds)
    examples.push_back({{"messages", seed_turns(seed, call.shape.system_message.has_value())}});
  std::string user =
      examples.empty()
          ? "This topic has no real records yet: write from its name and description."
          : "Real records of this topic, as examples of style and format:\n" + examples.dump();
  if (examples.empty() && !call.topic.examples.empty()) {
    user += "\nRequests users made on this topic:";
    for (const auto& example : call.topic.examples) user += "\n- " + example;
  }
  return {{"model", call.model},
          {"temperature", call.temperature},
          {"messages", json::array({{{"role", "system"}, {"content", instructions(call)}},
                                    {{"role", "user"}, {"content", user}}})},
          {"response_format",
           {{"type", "json_schema"},
            {"json_schema",
             {{"name", "generated_records"},
              {"strict", true},
              {"schema", answer_schema(call.shape.tools.has_value())}}}}}};
}

}  // namespace reinforge::generation
