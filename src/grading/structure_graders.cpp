#include "grading/structure_graders.hpp"

#include <algorithm>

#include "grading/json_schema_check.hpp"

namespace reinforge::grading {

GradeResult JsonGrader::grade(const GradeInput& input, const GradeControl&) const {
  auto parsed = nlohmann::json::parse(input.sample.output_text, nullptr, false);
  if (parsed.is_discarded()) return GradeResult::scored(0, "the output is not valid JSON");
  if (schema_.is_null()) return GradeResult::scored(1, "valid JSON");
  auto problem = first_schema_violation(parsed, schema_);
  return problem.empty() ? GradeResult::scored(1, "matches the schema") : GradeResult::scored(0, problem);
}

GradeResult ToolUsageGrader::grade(const GradeInput& input, const GradeControl&) const {
  if (!input.reference_answer) return GradeResult::failed("the record has no reference answer to compare tool calls with");
  const auto& expected = input.reference_answer->tool_calls;
  const auto& made = input.sample.tool_calls;
  if (expected.empty() && made.empty()) return GradeResult::scored(1, "no tools expected, none called");
  auto arguments_of = [](const ToolCall& call) {
    auto parsed = nlohmann::json::parse(call.arguments, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json(call.arguments) : parsed;
  };
  std::vector<bool> used(made.size(), false);
  size_t matched = 0;
  std::string missing;
  for (const auto& want : expected) {
    bool found = false;
    for (size_t i = 0; i < made.size() && !found; ++i) {
      if (used[i] || made[i].name != want.name) continue;
      if (config_.match_arguments && arguments_of(made[i]) != arguments_of(want)) continue;
      used[i] = found = true;
    }
    if (found) {
      ++matched;
    } else {
      missing += (missing.empty() ? "" : ", ") + want.name;
    }
  }
  std::string extra;
  for (size_t i = 0; i < made.size(); ++i) {
    if (!used[i]) extra += (extra.empty() ? "" : ", ") + made[i].name;
  }
  double score = static_cast<double>(matched) / static_cast<double>(std::max(expected.size(), made.size()));
  std::string reason = std::to_string(matched) + " of " + std::to_string(expected.size()) + " expected calls made";
  if (!missing.empty()) reason += "; missing or different: " + missing;
  if (!extra.empty()) reason += "; unexpected: " + extra;
  return GradeResult::scored(score, reason);
}

}  // namespace reinforge::grading
