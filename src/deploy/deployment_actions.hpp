#pragma once
// Step 7's actions on the gateway's routes (PRODUCT.md §9): deploy a tuned model as a
// replacement of its base model, as a new endpoint, or as a sticky A/B share of the base
// model's traffic; promote an A/B to replace; roll back. Each checks its input against the
// gateway's config first, so a refused request leaves the routes as they were.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "deploy/deployment_options.hpp"
#include "gateway/gateway_config.hpp"
#include "store/deployment_store.hpp"
#include "store/trace_store.hpp"

namespace reinforge::deploy {

// A refused action: `status` 400 (the request) or 404/409 (the routes' state); the message says
// what to change.
struct DeployError : std::runtime_error {
  DeployError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status(status), code(std::move(code)) {}
  int status;
  std::string code;
};

struct DeployRequest {
  std::string mode;         // replace | endpoint | ab
  std::string base_model;   // the model name callers use today
  std::string tuned_model;  // what the provider is sent
  std::string endpoint;     // endpoint mode: the new model name
  std::string provider;     // "" = the provider serving the base model
  double share = 0;         // ab: the tuned arm's share, in (0, 1)
  std::optional<int64_t> dataset_id;
  std::optional<int64_t> run_id;
  DeploymentOptions options;  // online scoring and the guard
};

// {"mode", "base_model", "tuned_model", "endpoint", "provider", "share", "dataset_id",
// "run_id", "online_scoring", "guard"}; throws DeployError (400) naming the field.
DeployRequest read_deploy_request(const nlohmann::json& body);

// Whether the gateway has recorded calls to a model name (the trace store's answer).
using CalledBefore = std::function<bool(const std::string& model)>;

// The answer from recorded traces: a call that asked for the model, or was answered by it.
CalledBefore called_before_in(store::TraceStore& traces);

// An endpoint's name must be new: not a configured model, nor one callers have been calling
// (a gateway that passes every name to its default provider configures none), unless an earlier
// endpoint deployment had it.
store::Deployment deploy(store::DeploymentStore& store, const gateway::GatewayConfig& config,
                         const DeployRequest& request, const CalledBefore& called_before);
// Restores the routes as they were before the deployment.
store::Deployment roll_back(store::DeploymentStore& store, int64_t deployment_id,
                            const std::string& reason);
// An A/B deployment becomes a replacement: all of the base model's traffic goes to the tuned model.
store::Deployment promote(store::DeploymentStore& store, int64_t deployment_id);
// Changes an active deployment's online scoring or guard ({"online_scoring", "guard"}).
store::Deployment change_options(store::DeploymentStore& store, int64_t deployment_id,
                                 const nlohmann::json& body);

nlohmann::json deployment_json(const store::Deployment& deployment);

}  // namespace reinforge::deploy
