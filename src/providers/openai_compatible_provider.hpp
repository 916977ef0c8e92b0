#pragma once
// LlmProvider over any OpenAI-compatible HTTP API (OpenAI, vLLM, Ollama, LiteLLM, a local fake).
#include "providers/llm_provider.hpp"
#include "providers/provider_config.hpp"

namespace reinforge::providers {

class OpenAiCompatibleProvider : public LlmProvider {
 public:
  explicit OpenAiCompatibleProvider(ProviderConfig config);

  ChatResult chat(const nlohmann::json& request, const CallControl& control = {}) const override;
  EmbeddingResult embed(const std::string& model, const std::vector<std::string>& inputs,
                        const CallControl& control = {}) const override;
  const std::string& name() const override { return config_.name; }

 private:
  ProviderConfig config_;
};

}  // namespace reinforge::providers
