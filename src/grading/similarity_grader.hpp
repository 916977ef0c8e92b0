#pragma once
// "Similarity to the reference" preset, with the two metrics that have an exact counterpart in
// OpenAI's text_similarity grader: fuzzy_match (rapidfuzz's ratio: 2·LCS / (|a| + |b|) over
// Unicode code points) and rouge_1 (unigram F1 over lowercase words).
#include <string>
#include <string_view>

#include "grading/grader.hpp"

namespace reinforge::grading {

enum class SimilarityMetric { fuzzy_match, rouge_1 };

struct SimilarityConfig {
  std::string input = "{{sample.output_text}}";
  std::string reference = "{{reference}}";
  SimilarityMetric metric = SimilarityMetric::fuzzy_match;
};

double fuzzy_match_ratio(std::string_view a, std::string_view b);
double rouge_1_f1(std::string_view candidate, std::string_view reference);

class SimilarityGrader : public Grader {
 public:
  explicit SimilarityGrader(SimilarityConfig config) : config_(std::move(config)) {}
  GradeResult grade(const GradeInput& input, const GradeControl& control = {}) const override;

 private:
  SimilarityConfig config_;
};

}  // namespace reinforge::grading
