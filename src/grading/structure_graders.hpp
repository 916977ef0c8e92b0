#pragma once
// Presets that check the output's structure: valid JSON (optionally matching a schema) and tool
// usage (the reference answer's tools called, with matching arguments).
#include "grading/grader.hpp"

namespace reinforge::grading {

class JsonGrader : public Grader {
 public:
  // `schema` null: any valid JSON scores 1.
  explicit JsonGrader(nlohmann::json schema) : schema_(std::move(schema)) {}
  GradeResult grade(const GradeInput& input, const GradeControl& control = {}) const override;

 private:
  nlohmann::json schema_;
};

struct ToolUsageConfig {
  bool match_arguments = true;  // arguments compared as JSON values, not as text
};

// Score = matched calls / max(expected calls, made calls): a missing call and an extra call
// each cost one share. No expected and no made calls scores 1.
class ToolUsageGrader : public Grader {
 public:
  explicit ToolUsageGrader(ToolUsageConfig config) : config_(config) {}
  GradeResult grade(const GradeInput& input, const GradeControl& control = {}) const override;

 private:
  ToolUsageConfig config_;
};

}  // namespace reinforge::grading
