#pragma once
// Presets that compare text: exact match against the reference, and "contains" or "matches a
// regex". Both read their input through a template (default {{sample.output_text}}).
#include <memory>
#include <string>

#include "grading/grader.hpp"

namespace reinforge::grading {

struct ExactMatchConfig {
  std::string input = "{{sample.output_text}}";
  std::string reference = "{{reference}}";
  bool case_sensitive = true;
  bool trim = true;  // surrounding whitespace does not count
};

class ExactMatchGrader : public Grader {
 public:
  explicit ExactMatchGrader(ExactMatchConfig config) : config_(std::move(config)) {}
  GradeResult grade(const GradeInput& input, const GradeControl& control = {}) const override;

 private:
  ExactMatchConfig config_;
};

enum class PatternMode { contains, contains_ignoring_case, regex };

struct PatternConfig {
  std::string input = "{{sample.output_text}}";
  std::string pattern;  // a template for contains modes; a PCRE2 pattern for regex
  PatternMode mode = PatternMode::contains;
};

class PatternGrader : public Grader {
 public:
  // Throws std::invalid_argument with PCRE2's message and offset for a bad regex.
  explicit PatternGrader(PatternConfig config);
  ~PatternGrader() override;
  GradeResult grade(const GradeInput& input, const GradeControl& control = {}) const override;

 private:
  struct Regex;
  PatternConfig config_;
  std::unique_ptr<Regex> regex_;
};

}  // namespace reinforge::grading
