#include "grading/reference_use.hpp"

namespace reinforge::grading {

std::string reference_need(const nlohmann::json& config) {
  if (!config.is_object()) return "the grader is not a saved config";
  const std::string type = config.value("type", "");
  if (type == "weighted" && config.contains("graders") && config["graders"].is_array()) {
    for (const auto& entry : config["graders"]) {
      if (!entry.is_object() || !entry.contains("grader")) continue;
      auto need = reference_need(entry["grader"]);
      if (!need.empty()) return entry.value("name", std::string("a part")) + ": " + need;
    }
    return "";
  }
  // These default to comparing with {{reference}}.
  if ((type == "exact_match" || type == "similarity") && !config.contains("reference"))
    return type + " compares the output with the record's reference answer";
  // The rubric judge's own prompt shows the reference as context; the rubric is what it grades
  // by, so only the rubric itself decides.
  const auto& text = type == "judge_rubric" ? config.value("rubric", nlohmann::json("")) : config;
  if (text.dump().find("reference") != std::string::npos)
    return type == "script" ? "the grader's source uses the reference answer"
                            : "the grader's templates use the reference answer";
  return "";
}

}  // namespace reinforge::grading
