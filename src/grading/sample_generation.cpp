#include "grading/sample_generation.hpp"

namespace reinforge::grading {

GeneratedSample generate_sample(const providers::LlmProvider& provider, const std::string& model,
                                const nlohmann::json& record, const nlohmann::json& sampling,
                                const providers::CallControl& control) {
  GeneratedSample generated;
  nlohmann::json request = sampling.is_object() ? sampling : nlohmann::json::object();
  request["model"] = model;
  request["messages"] = split_record(record).prompt_messages;
  if (record.contains("tools") && record["tools"].is_array() && !record["tools"].empty()) request["tools"] = record["tools"];
  auto answer = provider.chat(request, control);
  generated.latency_ms = answer.latency_ms;
  generated.usage = answer.usage;
  if (!answer.ok) {
    generated.error = answer.error;
    return generated;
  }
  generated.sample = sample_from_message(answer.message, answer.finish_reason);
  generated.ok = true;
  return generated;
}

}  // namespace reinforge::grading
