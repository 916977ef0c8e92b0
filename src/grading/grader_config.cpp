#include "grading/grader_config.hpp"

#include <openssl/sha.h>

#include <cstdlib>

#include "grading/judge_grader.hpp"
#include "grading/prompt_template.hpp"
#include "grading/script_grader.hpp"
#include "grading/similarity_grader.hpp"
#include "grading/string_check_grader.hpp"
#include "grading/structure_graders.hpp"
#include "grading/weighted_grader.hpp"
#include "providers/key_destinations.hpp"
#include "providers/openai_compatible_provider.hpp"

namespace reinforge::grading {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw GraderConfigError(where + ": " + what);
}

std::string string_field(const json& config, const std::string& where, const char* name, const std::string& fallback,
                         bool required = false) {
  if (!config.contains(name)) {
    if (required) fail(where, std::string("needs \"") + name + "\"");
    return fallback;
  }
  if (!config[name].is_string()) fail(where + "." + name, "must be a string");
  return config[name].get<std::string>();
}

double number_field(const json& config, const std::string& where, const char* name, double fallback) {
  if (!config.contains(name)) return fallback;
  if (!config[name].is_number()) fail(where + "." + name, "must be a number");
  return config[name].get<double>();
}

bool bool_field(const json& config, const std::string& where, const char* name, bool fallback) {
  if (!config.contains(name)) return fallback;
  if (!config[name].is_boolean()) fail(where + "." + name, "must be true or false");
  return config[name].get<bool>();
}

std::string checked_template(const json& config, const std::string& where, const char* name, const std::string& fallback) {
  auto text = string_field(config, where, name, fallback);
  auto unknown = unknown_template_variables(text);
  if (!unknown.empty()) {
    fail(where + "." + name, "unknown variable {{" + unknown[0] +
                                 "}}; use item.<field>, reference, sample.output_text, sample.output_json, "
                                 "sample.tool_calls or objective");
  }
  return text;
}

const char* kRubricPrompt =
    "You grade an assistant's answer.\n\nTask objective: {{objective}}\n\nConversation:\n{{item.messages}}\n\n"
    "Reference answer:\n{{reference}}\n\nAssistant's answer:\n{{sample.output_text}}\n"
    "Tool calls made: {{sample.tool_calls}}\n\nRubric:\n";

std::unique_ptr<Grader> make_judge(const json& config, const std::string& where, const GraderEnvironment& environment,
                                   bool rubric) {
  JudgeConfig judge;
  judge.model = string_field(config, where, "model", "", true);
  judge.temperature = number_field(config, where, "temperature", 0);
  // The range OpenAI-compatible APIs accept: outside it every judge call would fail.
  if (!(judge.temperature >= 0 && judge.temperature <= 2))
    fail(where + ".temperature", "must be from 0 to 2");
  if (config.contains("max_tokens")) judge.max_tokens = static_cast<int>(number_field(config, where, "max_tokens", 0));
  if (rubric) {
    auto text = string_field(config, where, "rubric", "", true);
    judge.messages.push_back({"user", kRubricPrompt + text +
                                          "\n\nAnswer with a score from 0 (fails the rubric) to 1 (fully meets it) "
                                          "and a one-sentence reason."});
  } else if (config.contains("messages")) {
    if (!config["messages"].is_array() || config["messages"].empty()) fail(where + ".messages", "must be a non-empty array");
    for (size_t i = 0; i < config["messages"].size(); ++i) {
      auto at = where + ".messages[" + std::to_string(i) + "]";
      const auto& message = config["messages"][i];
      if (!message.is_object()) fail(at, "must be an object {role, content}");
      judge.messages.push_back({string_field(message, at, "role", "user"), checked_template(message, at, "content", "")});
    }
  } else {
    if (!config.contains("prompt")) fail(where, "needs \"prompt\" (a template) or \"messages\"");
    judge.messages.push_back({"user", checked_template(config, where, "prompt", "")});
  }
  if (config.contains("schema")) {
    if (!config["schema"].is_object()) fail(where + ".schema", "must be a JSON schema object");
    judge.schema = config["schema"];
  }
  judge.score_field = string_field(config, where, "score_field", "score");
  judge.reason_field = string_field(config, where, "reason_field", "reason");
  if (config.contains("score_range")) {
    const auto& range = config["score_range"];
    if (!range.is_array() || range.size() != 2 || !range[0].is_number() || !range[1].is_number() ||
        range[0].get<double>() >= range[1].get<double>()) {
      fail(where + ".score_range", "must be [low, high] with low < high");
    }
    judge.score_min = range[0].get<double>();
    judge.score_max = range[1].get<double>();
  }
  if (!config.contains("provider") || !config["provider"].is_object()) fail(where, "needs a \"provider\" object");
  auto provider = environment.provider_for
                      ? environment.provider_for(config["provider"])
                      : std::make_shared<providers::OpenAiCompatibleProvider>(provider_config_from_json(config["provider"]));
  return std::make_unique<JudgeGrader>(std::move(judge), std::move(provider));
}

std::unique_ptr<Grader> build(const json& config, const std::string& where, const GraderEnvironment& environment) {
  if (!config.is_object()) fail(where, "a grader is a JSON object with a \"type\"");
  auto type = string_field(config, where, "type", "", true);
  if (type == "script") {
    ScriptGraderConfig script;
    script.source = string_field(config, where, "source", "", true);
    script.file_name = string_field(config, where, "file_name", "grader.js");
    script.limits.cpu_ms = static_cast<long>(number_field(config, where, "cpu_ms", 100));
    script.limits.memory_mb = static_cast<long>(number_field(config, where, "memory_mb", 64));
    // Upper bounds too: a grader runs once per record, so a minute a call would hold a dry run
    // for hours, and a heap without a cap is no sandbox.
    if (script.limits.cpu_ms < 1 || script.limits.cpu_ms > kMaxScriptCpuMs)
      fail(where + ".cpu_ms",
           "must be from 1 to " + std::to_string(kMaxScriptCpuMs) + " ms of CPU a call");
    if (script.limits.memory_mb < 8 || script.limits.memory_mb > kMaxScriptMemoryMb)
      fail(where + ".memory_mb", "must be from 8 to " + std::to_string(kMaxScriptMemoryMb) + " MB");
    script.max_isolates = environment.max_isolates;
    auto grader = std::make_unique<ScriptGrader>(std::move(script));
    if (auto error = grader->load_error(); !error.empty()) fail(where + ".source", error);
    return grader;
  }
  if (type == "judge" || type == "judge_rubric") return make_judge(config, where, environment, type == "judge_rubric");
  if (type == "exact_match") {
    ExactMatchConfig exact;
    exact.input = checked_template(config, where, "input", exact.input);
    exact.reference = checked_template(config, where, "reference", exact.reference);
    exact.case_sensitive = bool_field(config, where, "case_sensitive", true);
    exact.trim = bool_field(config, where, "trim", true);
    return std::make_unique<ExactMatchGrader>(std::move(exact));
  }
  if (type == "contains" || type == "regex") {
    PatternConfig pattern;
    pattern.input = checked_template(config, where, "input", pattern.input);
    pattern.pattern = string_field(config, where, "pattern", "", true);
    pattern.mode = type == "regex" ? PatternMode::regex
                   : bool_field(config, where, "case_sensitive", true)
                       ? PatternMode::contains
                       : PatternMode::contains_ignoring_case;
    try {
      return std::make_unique<PatternGrader>(std::move(pattern));
    } catch (const std::invalid_argument& error) {
      fail(where + ".pattern", error.what());
    }
  }
  if (type == "json") return std::make_unique<JsonGrader>(config.value("schema", json()));
  if (type == "tool_usage")
    return std::make_unique<ToolUsageGrader>(
        ToolUsageConfig{bool_field(config, where, "match_arguments", true)});
  if (type == "similarity") {
    SimilarityConfig similarity;
    similarity.input = checked_template(config, where, "input", similarity.input);
    similarity.reference = checked_template(config, where, "reference", similarity.reference);
    auto metric = string_field(config, where, "metric", "fuzzy_match");
    if (metric == "rouge_1") {
      similarity.metric = SimilarityMetric::rouge_1;
    } else if (metric != "fuzzy_match") {
      fail(where + ".metric", "must be fuzzy_match or rouge_1");
    }
    return std::make_unique<SimilarityGrader>(std::move(similarity));
  }
  if (type == "weighted") {
    if (!config.contains("graders") || !config["graders"].is_array() || config["graders"].empty()) {
      fail(where + ".graders", "must be a non-empty array of {name, weight, grader}");
    }
    std::vector<WeightedPart> parts;
    for (size_t i = 0; i < config["graders"].size(); ++i) {
      auto at = where + ".graders[" + std::to_string(i) + "]";
      const auto& entry = config["graders"][i];
      if (!entry.is_object() || !entry.contains("grader")) fail(at, "must be {name, weight, grader}");
      WeightedPart part;
      part.name = string_field(entry, at, "name", "grader " + std::to_string(i + 1));
      part.weight = number_field(entry, at, "weight", 1);
      if (!(part.weight > 0)) fail(at + ".weight", "must be a positive number");
      part.grader = build(entry["grader"], at + ".grader", environment);
      parts.push_back(std::move(part));
    }
    return std::make_unique<WeightedGrader>(std::move(parts));
  }
  fail(where + ".type", "unknown grader type \"" + type +
                            "\"; use script, judge, judge_rubric, exact_match, contains, regex, json, tool_usage, "
                            "similarity or weighted");
}

}  // namespace

providers::ProviderConfig provider_config_from_json(const json& provider) {
  const std::string where = "provider";
  if (!provider.is_object()) fail(where, "must be an object");
  if (provider.contains("api_key")) {
    fail(where + ".api_key", "keys are not stored in grader configs; put it in an environment variable and name it in \"api_key_env\"");
  }
  providers::ProviderConfig config;
  config.name = string_field(provider, where, "name", config.name);
  config.base_url = string_field(provider, where, "base_url", config.base_url);
  auto key_variable = string_field(provider, where, "api_key_env", "");
  if (!key_variable.empty()) {
    // Where it may go is checked first: whether a variable the config does not use is set is
    // none of a request's business.
    if (auto problem = providers::key_destination_problem(key_variable, config.base_url))
      fail(where + ".api_key_env", *problem);
    const char* key = std::getenv(key_variable.c_str());
    if (!key || !*key)
      fail(where + ".api_key_env", "the environment variable " + key_variable + " is not set");
    config.api_key = key;
  }
  config.connect_timeout_ms = static_cast<long>(number_field(provider, where, "connect_timeout_ms", config.connect_timeout_ms));
  config.total_timeout_ms = static_cast<long>(number_field(provider, where, "timeout_ms", config.total_timeout_ms));
  config.max_retries = static_cast<int>(number_field(provider, where, "max_retries", config.max_retries));
  config.initial_backoff_ms = static_cast<long>(number_field(provider, where, "initial_backoff_ms", config.initial_backoff_ms));
  config.max_backoff_ms = static_cast<long>(number_field(provider, where, "max_backoff_ms", config.max_backoff_ms));
  return config;
}

std::unique_ptr<Grader> make_grader(const json& config, const GraderEnvironment& environment) {
  return build(config, "grader", environment);
}

std::string grader_version(const json& config) {
  auto text = config.dump();
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  static const char* hex = "0123456789abcdef";
  std::string version = "sha256:";
  for (int i = 0; i < 8; ++i) {
    version += hex[digest[i] >> 4];
    version += hex[digest[i] & 15];
  }
  return version;
}

}  // namespace reinforge::grading
