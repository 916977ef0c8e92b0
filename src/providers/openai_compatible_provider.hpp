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
  struct Outcome;
  // POSTs with retries; on success fills `body`, otherwise `error`.
  Outcome post_with_retries(const std::string& path, const std::string& body,
                            const CallControl& control) const;
  std::string scrub(std::string text) const;

  ProviderConfig config_;
};

}  // namespace reinforge::providers
