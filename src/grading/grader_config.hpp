#pragma once
// A grader's saved form is JSON (docs/graders.md): {"type": "script" | "judge" | "judge_rubric" |
// "exact_match" | "contains" | "regex" | "json" | "tool_usage" | "similarity" | "weighted", ...}.
// This file turns it into a Grader and gives it a version.
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "grading/grader.hpp"
#include "providers/llm_provider.hpp"
#include "providers/provider_config.hpp"

namespace reinforge::grading {

// A config that cannot become a grader; the message names the field ("graders[1].weight: ...").
struct GraderConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The largest limits a script grader may ask for (docs/graders.md).
inline constexpr long kMaxScriptCpuMs = 10000;
inline constexpr long kMaxScriptMemoryMb = 1024;

struct GraderEnvironment {
  // Builds the judge's provider from its "provider" object; by default an
  // OpenAiCompatibleProvider from provider_config_from_json().
  std::function<std::shared_ptr<const providers::LlmProvider>(const nlohmann::json&)> provider_for;
  unsigned max_isolates = 0;  // script graders: sandboxes per grader, 0 = one per core
};

// {"name", "base_url", "api_key_env", "connect_timeout_ms", "timeout_ms", "max_retries"}. The key
// is read from the named environment variable; a literal "api_key" is refused so that keys never
// sit in a saved grader.
providers::ProviderConfig provider_config_from_json(const nlohmann::json& provider);

std::unique_ptr<Grader> make_grader(const nlohmann::json& config, const GraderEnvironment& environment = {});

// "sha256:" and 16 hex digits of the canonical config (keys sorted): the same grader has the same
// version everywhere, and any edit changes it. Dry runs record it.
std::string grader_version(const nlohmann::json& config);

}  // namespace reinforge::grading
