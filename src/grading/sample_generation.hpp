#pragma once
// Fresh samples from the base model for a record's prompt, through the provider layer.
#include <string>

#include "grading/grade_input.hpp"
#include "providers/llm_provider.hpp"

namespace reinforge::grading {

struct GeneratedSample {
  bool ok = false;
  std::string error;
  Sample sample;
  providers::TokenUsage usage;
  double latency_ms = 0;
};

// Sends the record's prompt (messages before the reference answer) and its tools to `model`;
// `sampling` adds parameters such as temperature or max_tokens.
GeneratedSample generate_sample(const providers::LlmProvider& provider, const std::string& model,
                                const nlohmann::json& record, const nlohmann::json& sampling,
                                const providers::CallControl& control = {});

}  // namespace reinforge::grading
