#include "steps/job_models.hpp"

#include "providers/openai_compatible_provider.hpp"

namespace reinforge::steps {

JobModels::JobModels(gateway::GatewayConfig config) : config_(std::move(config)) {
  for (const auto& provider : config_.providers) {
    providers::ProviderConfig client;
    client.name = provider.name;
    client.base_url = provider.base_url;
    client.api_key = provider.api_key;
    client.connect_timeout_ms = static_cast<long>(config_.timeouts.connect.count());
    // Retries and backoff are the provider layer's (longer than the gateway's: a job can wait
    // out a 429 where a caller of the gateway would rather fail fast).
    providers_.emplace(provider.name,
                       std::make_shared<providers::OpenAiCompatibleProvider>(std::move(client)));
  }
}

std::vector<ModelRoute> JobModels::routes(std::string_view model) const {
  std::vector<ModelRoute> routes;
  if (model.empty()) return routes;
  for (const auto& target : gateway::resolve_model(config_, model)) {
    if (!target.provider) continue;
    auto found = providers_.find(target.provider->name);
    if (found != providers_.end()) routes.push_back({found->second, target.upstream_model});
  }
  return routes;
}

std::optional<ModelRoute> JobModels::route_on_provider(std::string_view model,
                                                      std::string_view provider,
                                                      std::string_view base_model) const {
  if (model.empty()) return std::nullopt;
  if (provider.empty()) {
    auto base = routes(base_model);
    if (base.empty()) return std::nullopt;
    return ModelRoute{base.front().provider, std::string(model)};
  }
  auto found = providers_.find(provider);
  if (found == providers_.end()) return std::nullopt;
  return ModelRoute{found->second, std::string(model)};
}

}  // namespace reinforge::steps
