#pragma once
// The models background jobs call (topic embeddings and labels), named as callers of the gateway
// name them and resolved through the server's provider config exactly as a /v1 call would be:
// a configured model, then its fallbacks, or the default provider (the zero-config one that
// OPENAI_API_KEY adds) under the name given. Calls go through providers/ (its retries).
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/gateway_config.hpp"
#include "providers/llm_provider.hpp"

namespace reinforge::steps {

// One place a model's calls can go.
struct ModelRoute {
  std::shared_ptr<const providers::LlmProvider> provider;
  std::string upstream_model;  // the name that provider is sent
};

class JobModels {
 public:
  explicit JobModels(gateway::GatewayConfig config);
  JobModels(const JobModels&) = delete;
  JobModels& operator=(const JobModels&) = delete;

  // The model's own route, then its fallbacks'; empty when no provider serves the name.
  std::vector<ModelRoute> routes(std::string_view model) const;
  bool serves(std::string_view model) const { return !routes(model).empty(); }
  // A model sent as named to `provider`, or ("") to the provider serving `base_model`: how a
  // deployment's tuned model is reached (step 7). Nullopt when there is no such provider.
  std::optional<ModelRoute> route_on_provider(std::string_view model, std::string_view provider,
                                              std::string_view base_model) const;
  // The server's provider config, as the gateway has it.
  const gateway::GatewayConfig& config() const { return config_; }

 private:
  gateway::GatewayConfig config_;
  std::map<std::string, std::shared_ptr<const providers::LlmProvider>, std::less<>>
      providers_;  // by name
};

}  // namespace reinforge::steps
