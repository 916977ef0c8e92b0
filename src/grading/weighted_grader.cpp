#include "grading/weighted_grader.hpp"

#include <algorithm>
#include <cstdio>

namespace reinforge::grading {

WeightedGrader::WeightedGrader(std::vector<WeightedPart> parts) : parts_(std::move(parts)) {
  for (const auto& part : parts_) total_weight_ += part.weight;
}

GradeResult WeightedGrader::grade(const GradeInput& input, const GradeControl& control) const {
  GradeResult combined;
  double sum = 0;
  for (const auto& part : parts_) {
    auto result = part.grader->grade(input, control);
    combined.judge_prompt_tokens += result.judge_prompt_tokens;
    combined.judge_completion_tokens += result.judge_completion_tokens;
    for (auto& line : result.logs) combined.logs.push_back("[" + part.name + "] " + line);
    if (!result.ok()) {
      combined.error = "grader '" + part.name + "': " + result.error;
      combined.score.reset();
      return combined;
    }
    sum += part.weight * *result.score;
    char line[64];
    std::snprintf(line, sizeof line, "%s %.3f", part.name.c_str(), *result.score);
    combined.reason += (combined.reason.empty() ? "" : "; ") + std::string(line);
    if (!result.reason.empty()) combined.reason += " (" + result.reason + ")";
  }
  combined.score = std::clamp(sum / total_weight_, 0.0, 1.0);
  return combined;
}

}  // namespace reinforge::grading
