#include "training/split_lines.hpp"

#include "grading/grade_input.hpp"

namespace reinforge::training {

namespace {

// The grader's view of the record with `reference` as text, the way `{{reference}}` reads it.
nlohmann::json item_with_reference_text(const nlohmann::json& record) {
  auto input = grading::make_grade_input(record, {});
  input.item["reference"] = grading::reference_text(input);
  return std::move(input.item);
}

}  // namespace

nlohmann::json external_split_line(int64_t record_id, const std::string& topic,
                                   const nlohmann::json& record) {
  auto item = item_with_reference_text(record);
  nlohmann::json line{{"record_id", std::to_string(record_id)},
                      {"topic", topic},
                      {"prompt", std::move(item["messages"])}};
  for (auto& [key, value] : item.items()) {
    if (key != "messages" && !line.contains(key)) line[key] = std::move(value);
  }
  return line;
}

nlohmann::json openai_rft_line(int64_t record_id, const nlohmann::json& record) {
  auto item = item_with_reference_text(record);
  nlohmann::json messages = nlohmann::json::array();
  for (auto message : item["messages"]) {
    if (message.is_object() && message.value("role", "") == "system") message["role"] = "developer";
    messages.push_back(std::move(message));
  }
  nlohmann::json line{{"messages", std::move(messages)}};
  if (item["tools"].is_array() && !item["tools"].empty()) line["tools"] = std::move(item["tools"]);
  for (auto& [key, value] : item.items()) {
    if (key != "messages" && key != "tools") line[key] = std::move(value);
  }
  line["record_id"] = std::to_string(record_id);
  return line;
}

}  // namespace reinforge::training
