#pragma once
// The Grader interface: (record, model output) -> a score in [0, 1] or a grader error.
// Implementations: ScriptGrader, JudgeGrader, the presets and WeightedGrader.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "grading/grade_input.hpp"

namespace reinforge::grading {

struct GradeControl {
  const std::atomic<bool>* cancelled = nullptr;
};

struct GradeResult {
  std::optional<double> score;  // set exactly when `error` is empty
  std::string reason;
  std::string error;            // a grader error, never folded into a zero
  std::vector<std::string> logs;
  int64_t judge_prompt_tokens = 0;
  int64_t judge_completion_tokens = 0;

  bool ok() const { return error.empty(); }
  static GradeResult scored(double score, std::string reason = {}) {
    GradeResult result;
    result.score = score;
    result.reason = std::move(reason);
    return result;
  }
  static GradeResult failed(std::string error) {
    GradeResult result;
    result.error = std::move(error);
    return result;
  }
};

class Grader {
 public:
  virtual ~Grader() = default;
  // Thread-safe: the dry run calls it from many workers at once.
  virtual GradeResult grade(const GradeInput& input, const GradeControl& control = {}) const = 0;
};

}  // namespace reinforge::grading
