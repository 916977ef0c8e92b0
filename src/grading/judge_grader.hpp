#pragma once
// LLM as a judge: renders the prompt, asks the model for a JSON answer constrained by a schema
// (`response_format: json_schema`), reads the score field and rescales it from its declared
// range. An answer that does not parse or lacks a valid score is a grader error.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grading/grader.hpp"
#include "providers/llm_provider.hpp"

namespace reinforge::grading {

struct JudgeMessage {
  std::string role;  // system, developer or user
  std::string content_template;
};

struct JudgeConfig {
  std::string model;
  double temperature = 0;
  std::optional<int> max_tokens;
  std::vector<JudgeMessage> messages;
  nlohmann::json schema;  // the answer's JSON schema; default_judge_schema() when null
  std::string score_field = "score";
  std::string reason_field = "reason";
  double score_min = 0;
  double score_max = 1;
};

// {score: number in the declared range, reason: string} under the config's field names, strict.
nlohmann::json default_judge_schema(const JudgeConfig& config = {});

// Whether OpenAI's strict structured outputs accept `schema`: every object lists all of its
// properties as required and forbids others. A schema that does not is sent with strict off,
// where the provider treats it as guidance (the answer is still checked here).
bool fits_strict_mode(const nlohmann::json& schema);

class JudgeGrader : public Grader {
 public:
  JudgeGrader(JudgeConfig config, std::shared_ptr<const providers::LlmProvider> provider);
  GradeResult grade(const GradeInput& input, const GradeControl& control = {}) const override;
  // The chat completion body sent for `input`.
  nlohmann::json request_for(const GradeInput& input) const;

 private:
  JudgeConfig config_;
  bool strict_ = true;
  std::shared_ptr<const providers::LlmProvider> provider_;
};

}  // namespace reinforge::grading
