#pragma once
// What a grader sees: the record as `item`, the model's output as `sample` (PRODUCT.md §6).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace reinforge::grading {

struct ToolCall {
  std::string id;
  std::string name;
  std::string arguments;  // the JSON text the model wrote
};

// One model output: an assistant message reduced to what graders score.
struct Sample {
  std::string output_text;  // empty when the output is only tool calls
  std::vector<ToolCall> tool_calls;
  std::string finish_reason;
};

// The record split the way PRODUCT.md §1 defines it: the last assistant message is the
// reference answer, everything before it is the prompt.
struct RecordParts {
  nlohmann::json prompt_messages = nlohmann::json::array();
  std::optional<Sample> reference_answer;
};

struct GradeInput {
  // `input.item`: `messages` (the prompt), `tools`, `reference` and every extra field.
  nlohmann::json item;
  std::optional<Sample> reference_answer;
  bool record_has_reference_field = false;  // item.reference is the record's own field
  Sample sample;
  std::string objective;
};

RecordParts split_record(const nlohmann::json& record);
// An assistant message (string or parts content, tool_calls) as a Sample.
Sample sample_from_message(const nlohmann::json& message, std::string finish_reason);
// `input.sample` as scripts see it: output_text, output_json, tool_calls with parsed
// arguments, finish_reason.
nlohmann::json sample_to_json(const Sample& sample);
// Builds `item` from the record. A record's own top-level `reference` field wins over the
// reference answer, because users put their ground truth there.
GradeInput make_grade_input(const nlohmann::json& record, Sample sample, std::string objective = {});
// The text `{{reference}}` stands for: the record's `reference` field (strings as they are,
// other values as JSON), else the reference answer's text, else its tool calls as JSON.
std::string reference_text(const GradeInput& input);
// Tool calls as `[{id, name, arguments}]` with arguments parsed when they are JSON.
nlohmann::json tool_calls_to_json(const std::vector<ToolCall>& tool_calls);

}  // namespace reinforge::grading
