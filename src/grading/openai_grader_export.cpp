#include "grading/openai_grader_export.hpp"

#include <cctype>

namespace reinforge::grading {

namespace {

using nlohmann::json;

struct NoEquivalent {
  std::string message;
};

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::string identifier(const std::string& name, size_t index) {
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "g" + std::to_string(index + 1) + "_" + out;
  return out;
}

json convert(const json& config, const std::string& name, const std::string& objective, std::vector<std::string>& notes) {
  auto type = config.value("type", "");
  auto tmpl = [&](const char* field, const char* fallback) {
    return openai_template(config.value(field, std::string(fallback)), objective);
  };
  if (type == "exact_match") {
    if (!config.value("case_sensitive", true)) {
      throw NoEquivalent{"a case-insensitive exact match has no string_check operation (eq is case-sensitive)"};
    }
    if (config.value("trim", true)) notes.push_back(name + ": OpenAI's eq does not trim surrounding whitespace");
    return {{"type", "string_check"}, {"name", name}, {"operation", "eq"},
            {"input", tmpl("input", "{{sample.output_text}}")}, {"reference", tmpl("reference", "{{reference}}")}};
  }
  if (type == "contains") {
    return {{"type", "string_check"}, {"name", name},
            {"operation", config.value("case_sensitive", true) ? "like" : "ilike"},
            {"input", tmpl("input", "{{sample.output_text}}")}, {"reference", tmpl("pattern", "")}};
  }
  if (type == "similarity") {
    notes.push_back(name + ": text_similarity needs a pass_threshold; 0.5 was set (it does not change the score)");
    return {{"type", "text_similarity"}, {"name", name}, {"evaluation_metric", config.value("metric", "fuzzy_match")},
            {"input", tmpl("input", "{{sample.output_text}}")}, {"reference", tmpl("reference", "{{reference}}")},
            {"pass_threshold", 0.5}};
  }
  if (type == "judge" || type == "judge_rubric") {
    auto input = json::array();
    if (type == "judge_rubric") {
      input.push_back({{"role", "user"},
                       {"content", openai_template("Conversation:\n{{item.messages}}\n\nReference answer:\n{{reference}}\n\n"
                                                   "Answer:\n{{sample.output_text}}\n\nRubric:\n" +
                                                       config.value("rubric", std::string()) +
                                                       "\n\nScore from 0 to 1. Objective: {{objective}}",
                                                   objective)}});
    } else if (config.contains("messages")) {
      for (const auto& message : config["messages"]) {
        input.push_back({{"role", message.value("role", "user")}, {"content", openai_template(message.value("content", ""), objective)}});
      }
    } else {
      input.push_back({{"role", "user"}, {"content", tmpl("prompt", "")}});
    }
    json range = config.value("score_range", json::array({0, 1}));
    notes.push_back(name + ": score_model asks for its own numeric answer; the JSON schema and score_field are not carried over");
    return {{"type", "score_model"}, {"name", name}, {"model", config.value("model", "")}, {"input", input},
            {"range", range}, {"sampling_params", {{"temperature", config.value("temperature", 0.0)}}}};
  }
  if (type == "weighted") {
    json graders = json::object();
    std::string numerator;
    double total = 0;
    size_t index = 0;
    for (const auto& part : config.value("graders", json::array())) {
      auto part_name = identifier(part.value("name", "grader"), index);
      while (graders.contains(part_name)) part_name += "_" + std::to_string(index + 1);
      double weight = part.value("weight", 1.0);
      graders[part_name] = convert(part.value("grader", json()), part_name, objective, notes);
      numerator += (numerator.empty() ? "" : " + ") + json(weight).dump() + " * " + part_name;
      total += weight;
      ++index;
    }
    return {{"type", "multi"}, {"name", name}, {"graders", graders},
            {"calculate_output", "(" + numerator + ") / " + json(total).dump()}};
  }
  if (type == "script") {
    throw NoEquivalent{"script graders run JavaScript and OpenAI runs only Python graders; rewrite \"" + name +
                       "\" as a python grader, or use a preset with an equivalent (exact match, contains, similarity, judge)"};
  }
  if (type == "regex") throw NoEquivalent{"OpenAI's string_check has no regular expressions (only eq, ne, like, ilike)"};
  if (type == "json") throw NoEquivalent{"OpenAI has no JSON-validity or schema grader; a python grader can do it"};
  if (type == "tool_usage") throw NoEquivalent{"OpenAI has no tool-call grader; a python grader can compare sample.output_tools"};
  throw NoEquivalent{"unknown grader type \"" + type + "\""};
}

}  // namespace

std::string openai_template(const std::string& text, const std::string& objective) {
  auto out = text;
  replace_all(out, "{{reference}}", "{{item.reference}}");
  replace_all(out, "{{ reference }}", "{{item.reference}}");
  replace_all(out, "{{sample.tool_calls}}", "{{sample.output_tools}}");
  replace_all(out, "{{objective}}", objective);
  return out;
}

OpenAiGraderExport export_openai_grader(const nlohmann::json& config, const std::string& objective) {
  OpenAiGraderExport result;
  try {
    result.grader = convert(config, config.value("name", std::string("reinforge_grader")), objective, result.notes);
    result.ok = true;
    if (result.grader.dump().find("{{item.reference}}") != std::string::npos) {
      result.notes.push_back("the training file must carry each record's reference answer text in a top-level \"reference\" field");
    }
  } catch (const NoEquivalent& missing) {
    result.error = "no OpenAI equivalent: " + missing.message;
  } catch (const nlohmann::json::exception& error) {
    result.error = std::string("the grader config is malformed: ") + error.what();
  }
  return result;
}

}  // namespace reinforge::grading
