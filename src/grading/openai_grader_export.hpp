#pragma once
// A grader config in OpenAI's reinforcement fine-tuning grader format, where one exists:
// exact_match and contains -> string_check, similarity -> text_similarity, judge and
// judge_rubric -> score_model, weighted -> multi. Script, regex, json and tool_usage graders have
// no equivalent and say so.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace reinforge::grading {

struct OpenAiGraderExport {
  bool ok = false;
  nlohmann::json grader;            // when ok
  std::vector<std::string> notes;   // differences the user should know about
  std::string error;                // when not ok: which part has no equivalent and why
};

// `objective` is written into templates that use {{objective}}, which OpenAI does not know.
OpenAiGraderExport export_openai_grader(const nlohmann::json& config, const std::string& objective = {});

// Our template variables in OpenAI's names: {{reference}} -> {{item.reference}},
// {{sample.tool_calls}} -> {{sample.output_tools}}, {{objective}} -> its text.
std::string openai_template(const std::string& text, const std::string& objective);

}  // namespace reinforge::grading
