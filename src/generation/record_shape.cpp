#include "generation/record_shape.hpp"

namespace reinforge::generation {

void RecordShapeCounter::count(std::unordered_map<std::string, Variant>& variants,
                               const nlohmann::json& value) {
  auto& variant = variants[value.dump()];
  if (variant.count++ == 0) variant.value = value;
}

std::optional<nlohmann::json> RecordShapeCounter::most_shared(
    const std::unordered_map<std::string, Variant>& variants, std::size_t records) {
  const Variant* best = nullptr;
  for (const auto& [key, variant] : variants) {
    if (!best || variant.count > best->count) best = &variant;
  }
  if (!best || records == 0 ||
      static_cast<double>(best->count) < kSharedPartShare * static_cast<double>(records)) {
    return std::nullopt;
  }
  return best->value;
}

void RecordShapeCounter::add(const nlohmann::json& record) {
  if (!record.is_object()) return;
  auto messages = record.find("messages");
  if (messages == record.end() || !messages->is_array() || messages->empty()) return;
  ++records_;
  const auto& first = messages->front();
  if (first.is_object()) {
    auto role = first.value("role", "");
    if (role == "system" || role == "developer") count(system_messages_, first);
  }
  auto tools = record.find("tools");
  if (tools != record.end() && tools->is_array() && !tools->empty()) count(tools_, *tools);
  std::size_t user_turns = 0;
  bool calls_tool = false;
  for (const auto& message : *messages) {
    if (!message.is_object()) continue;
    auto role = message.value("role", "");
    if (role == "user") ++user_turns;
    if (role == "assistant" && message.contains("tool_calls") && message["tool_calls"].is_array() &&
        !message["tool_calls"].empty()) {
      calls_tool = true;
    }
  }
  if (user_turns > 1) ++multi_turn_;
  if (calls_tool) ++tool_calls_;
  const auto& last = messages->back();
  if (last.is_object() && last.value("role", "") == "assistant") ++references_;
}

RecordShape RecordShapeCounter::shape() const {
  RecordShape shape;
  shape.records = records_;
  if (records_ == 0) return shape;
  double records = static_cast<double>(records_);
  shape.system_message = most_shared(system_messages_, records_);
  shape.tools = most_shared(tools_, records_);
  shape.multi_turn_share = static_cast<double>(multi_turn_) / records;
  shape.tool_call_share = static_cast<double>(tool_calls_) / records;
  shape.reference_share = static_cast<double>(references_) / records;
  return shape;
}

}  // namespace reinforge::generation
