#include "grading/judge_grader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "grading/prompt_template.hpp"

namespace reinforge::grading {

namespace {

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

std::string shortened(const std::string& text) {
  return text.size() > 200 ? text.substr(0, 200) + "…" : text;
}

}  // namespace

nlohmann::json default_judge_schema(const JudgeConfig& config) {
  nlohmann::json properties = nlohmann::json::object();
  properties[config.score_field] = {
      {"type", "number"}, {"minimum", config.score_min}, {"maximum", config.score_max}};
  properties[config.reason_field] = {{"type", "string"}};
  return {{"type", "object"},
          {"properties", properties},
          {"required", {config.score_field, config.reason_field}},
          {"additionalProperties", false}};
}

bool fits_strict_mode(const nlohmann::json& schema) {
  if (schema.is_array()) {
    for (const auto& part : schema) {
      if (!fits_strict_mode(part)) return false;
    }
    return true;
  }
  if (!schema.is_object()) return true;
  if (schema.value("type", nlohmann::json()) == "object" || schema.contains("properties")) {
    if (schema.value("additionalProperties", nlohmann::json(true)) != false) return false;
    const auto properties = schema.value("properties", nlohmann::json::object());
    const auto required = schema.value("required", nlohmann::json::array());
    for (const auto& [name, property] : properties.items()) {
      if (std::find(required.begin(), required.end(), name) == required.end()) return false;
      if (!fits_strict_mode(property)) return false;
    }
  }
  for (const char* nested : {"items", "anyOf", "$defs", "definitions"}) {
    if (!schema.contains(nested)) continue;
    const auto& value = schema[nested];
    if (std::string_view(nested) == "$defs" || std::string_view(nested) == "definitions") {
      for (const auto& [name, definition] : value.items()) {
        if (!fits_strict_mode(definition)) return false;
      }
    } else if (!fits_strict_mode(value)) {
      return false;
    }
  }
  return true;
}

JudgeGrader::JudgeGrader(JudgeConfig config, std::shared_ptr<const providers::LlmProvider> provider)
    : config_(std::move(config)), provider_(std::move(provider)) {
  if (config_.schema.is_null()) config_.schema = default_judge_schema(config_);
  strict_ = fits_strict_mode(config_.schema);
}

nlohmann::json JudgeGrader::request_for(const GradeInput& input) const {
  auto messages = nlohmann::json::array();
  for (const auto& message : config_.messages) {
    messages.push_back(
        {{"role", message.role}, {"content", render_template(message.content_template, input)}});
  }
  nlohmann::json request = {
      {"model", config_.model},
      {"messages", std::move(messages)},
      {"temperature", config_.temperature},
      {"response_format",
       {{"type", "json_schema"},
        {"json_schema",
         {{"name", "judge_answer"}, {"strict", strict_}, {"schema", config_.schema}}}}}};
  if (config_.max_tokens) request["max_tokens"] = *config_.max_tokens;
  return request;
}

GradeResult JudgeGrader::grade(const GradeInput& input, const GradeControl& control) const {
  auto answer = provider_->chat(request_for(input), providers::CallControl{control.cancelled});
  if (!answer.ok) return GradeResult::failed("the judge call failed: " + answer.error);
  GradeResult result;
  result.judge_prompt_tokens = answer.usage.prompt_tokens;
  result.judge_completion_tokens = answer.usage.completion_tokens;
  const auto& message = answer.message;
  if (message.contains("refusal") && message["refusal"].is_string()) {
    result.error = "the judge refused: " + shortened(message["refusal"].get<std::string>());
    return result;
  }
  if (!message.contains("content") || !message["content"].is_string()) {
    result.error = "the judge's answer has no text content";
    return result;
  }
  auto text = message["content"].get<std::string>();
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    result.error = "the judge's answer is not a JSON object: " + shortened(text);
    return result;
  }
  auto score = parsed.find(config_.score_field);
  if (score == parsed.end() || !score->is_number()) {
    result.error =
        "the judge's answer has no numeric `" + config_.score_field + "`: " + shortened(text);
    return result;
  }
  double value = score->get<double>();
  if (!std::isfinite(value) || value < config_.score_min || value > config_.score_max) {
    result.error = "the judge's score " + format_number(value) +
                   " is outside its declared range [" + format_number(config_.score_min) + ", " +
                   format_number(config_.score_max) + "]";
    return result;
  }
  result.score = (value - config_.score_min) / (config_.score_max - config_.score_min);
  auto reason = parsed.find(config_.reason_field);
  if (reason != parsed.end())
    result.reason = reason->is_string() ? reason->get<std::string>() : reason->dump();
  return result;
}

}  // namespace reinforge::grading
