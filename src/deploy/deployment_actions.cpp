#include "deploy/deployment_actions.hpp"

#include <algorithm>
#include <cmath>

#include "util/clock.hpp"

namespace reinforge::deploy {

namespace {

std::string text_field(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return "";
  if (!body[name].is_string())
    throw DeployError(400, "bad_request", std::string(name) + " must be a string");
  return body[name].get<std::string>();
}

std::optional<int64_t> id_field(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return std::nullopt;
  if (!body[name].is_number_integer())
    throw DeployError(400, "bad_request", std::string(name) + " must be an id");
  return body[name].get<int64_t>();
}

void add_history(store::Deployment& deployment, nlohmann::json entry) {
  auto history = nlohmann::json::parse(deployment.history_json, nullptr, false);
  if (!history.is_array()) history = nlohmann::json::array();
  entry["at"] = util::format_rfc3339(util::now_unix_seconds());
  history.push_back(std::move(entry));
  deployment.history_json = history.dump();
}

store::Deployment require_active(store::DeploymentStore& store, int64_t id) {
  auto deployment = store.find_deployment(id);
  if (!deployment)
    throw DeployError(404, "not_found", "Deployment " + std::to_string(id) + " does not exist.");
  if (deployment->state != "active")
    throw DeployError(
        409, "conflict",
        "Deployment " + std::to_string(id) + " is not active (" + deployment->state + ").");
  return *deployment;
}

}  // namespace

DeployRequest read_deploy_request(const nlohmann::json& body) {
  if (!body.is_object()) throw DeployError(400, "bad_request", "The body must be a JSON object.");
  DeployRequest request;
  request.mode = text_field(body, "mode");
  if (request.mode != "replace" && request.mode != "endpoint" && request.mode != "ab")
    throw DeployError(400, "bad_request", "mode must be \"replace\", \"endpoint\" or \"ab\"");
  request.base_model = text_field(body, "base_model");
  if (request.base_model.empty())
    throw DeployError(400, "bad_request",
                      "base_model is required: the model name callers use today");
  request.tuned_model = text_field(body, "tuned_model");
  if (request.tuned_model.empty())
    throw DeployError(400, "bad_request", "tuned_model is required: the model the provider serves");
  request.endpoint = text_field(body, "endpoint");
  if (request.mode == "endpoint" && request.endpoint.empty())
    throw DeployError(400, "bad_request",
                      "endpoint is required in endpoint mode: the new model name");
  if (request.mode != "endpoint" && !request.endpoint.empty())
    throw DeployError(400, "bad_request", "endpoint is only for endpoint mode");
  request.provider = text_field(body, "provider");
  if (request.mode == "ab") {
    if (!body.contains("share") || !body["share"].is_number())
      throw DeployError(
          400, "bad_request",
          "share is required in ab mode: the tuned model's share of traffic, e.g. 0.2");
    request.share = body["share"].get<double>();
    if (!(request.share > 0 && request.share < 1))
      throw DeployError(400, "bad_request",
                        "share must be above 0 and below 1 (0.2 sends a fifth of the callers to "
                        "the tuned model)");
  } else if (body.contains("share") && !body["share"].is_null()) {
    throw DeployError(400, "bad_request", "share is only for ab mode");
  }
  request.dataset_id = id_field(body, "dataset_id");
  request.run_id = id_field(body, "run_id");
  request.options = read_deployment_options(body);
  return request;
}

CalledBefore called_before_in(store::TraceStore& traces) {
  return [&traces](const std::string& model) {
    store::TraceFilter filter;
    filter.model = model;
    filter.limit = 1;
    return !traces.list_traces(filter, false).traces.empty();
  };
}

store::Deployment deploy(store::DeploymentStore& store, const gateway::GatewayConfig& config,
                         const DeployRequest& request, const CalledBefore& called_before) {
  if (gateway::resolve_model(config, request.base_model).empty())
    throw DeployError(400, "unknown_model",
                      "The gateway serves no model named '" + request.base_model +
                          "' (and has no default provider).");
  if (!request.provider.empty() && !config.find_provider(request.provider))
    throw DeployError(400, "unknown_provider",
                      "The gateway has no provider named '" + request.provider + "'.");
  if (request.mode == "endpoint" && config.find_model(request.endpoint))
    throw DeployError(
        409, "conflict",
        "'" + request.endpoint + "' is already a configured model; choose another name.");
  if (request.mode == "endpoint" && called_before(request.endpoint)) {
    auto deployments = store.list_deployments(false);
    bool an_endpoints_name =
        std::any_of(deployments.begin(), deployments.end(), [&](const auto& earlier) {
          return earlier.mode == "endpoint" && earlier.endpoint == request.endpoint;
        });
    if (!an_endpoints_name)
      throw DeployError(409, "conflict",
                        "Callers already use '" + request.endpoint +
                            "' (the gateway has recorded calls to it): as an endpoint it would "
                            "send them to the tuned model. Choose a new name.");
  }
  store::Deployment deployment;
  deployment.dataset_id = request.dataset_id;
  deployment.run_id = request.run_id;
  deployment.mode = request.mode;
  deployment.base_model = request.base_model;
  deployment.tuned_model = request.tuned_model;
  deployment.endpoint = request.endpoint;
  deployment.provider = request.provider;
  deployment.share_bp = request.mode == "ab" ? std::llround(request.share * 10000) : 0;
  deployment.state = "active";
  deployment.created_at = util::now_unix_seconds();
  deployment.options_json = deployment_options_json(request.options).dump();
  add_history(deployment, {{"action", "deployed"}, {"mode", request.mode}});
  try {
    return store.create_deployment(deployment);
  } catch (const store::ConflictError& error) {
    throw DeployError(409, "conflict", error.what());
  }
}

store::Deployment roll_back(store::DeploymentStore& store, int64_t deployment_id,
                            const std::string& reason) {
  require_active(store, deployment_id);
  return *store.modify_deployment(deployment_id, [&](store::Deployment& deployment) {
    deployment.state = "rolled_back";
    deployment.ended_at = util::now_unix_seconds();
    add_history(deployment, {{"action", "rolled_back"}, {"reason", reason}});
  });
}

store::Deployment promote(store::DeploymentStore& store, int64_t deployment_id) {
  auto current = require_active(store, deployment_id);
  if (current.mode != "ab")
    throw DeployError(409, "conflict",
                      "Only an A/B deployment can be promoted; this one is " + current.mode + ".");
  return *store.modify_deployment(deployment_id, [&](store::Deployment& deployment) {
    deployment.mode = "replace";
    add_history(deployment,
                {{"action", "promoted"}, {"from_share", deployment.share_bp / 10000.0}});
    deployment.share_bp = 0;
  });
}

store::Deployment change_options(store::DeploymentStore& store, int64_t deployment_id,
                                 const nlohmann::json& body) {
  if (!body.is_object()) throw DeployError(400, "bad_request", "The body must be a JSON object.");
  for (const auto& [field, value] : body.items()) {
    if (field != "online_scoring" && field != "guard")
      throw DeployError(400, "bad_request",
                        field + " cannot be changed; only online_scoring and guard can (roll back "
                                "and deploy again to change the routes)");
  }
  auto current = require_active(store, deployment_id);
  auto options = read_deployment_options(body, deployment_options_from_json(current.options_json));
  return *store.modify_deployment(deployment_id, [&](store::Deployment& deployment) {
    deployment.options_json = deployment_options_json(options).dump();
    add_history(deployment, {{"action", "options_changed"}, {"options", deployment_options_json(options)}});
  });
}

nlohmann::json deployment_json(const store::Deployment& deployment) {
  auto optional_id = [](const std::optional<int64_t>& id) {
    return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
  };
  auto options = deployment_options_json(deployment_options_from_json(deployment.options_json));
  return {
      {"id", deployment.id},
      {"online_scoring", options["online_scoring"]},
      {"guard", options["guard"]},
      {"dataset_id", optional_id(deployment.dataset_id)},
      {"run_id", optional_id(deployment.run_id)},
      {"mode", deployment.mode},
      {"base_model", deployment.base_model},
      {"tuned_model", deployment.tuned_model},
      {"endpoint",
       deployment.endpoint.empty() ? nlohmann::json(nullptr) : nlohmann::json(deployment.endpoint)},
      {"provider",
       deployment.provider.empty() ? nlohmann::json(nullptr) : nlohmann::json(deployment.provider)},
      {"share", deployment.mode == "ab" ? nlohmann::json(deployment.share_bp / 10000.0)
                                        : nlohmann::json(nullptr)},
      {"state", deployment.state},
      {"history", nlohmann::json::parse(deployment.history_json, nullptr, false)},
      {"created_at", util::format_rfc3339(deployment.created_at)},
      {"ended_at", deployment.ended_at ? nlohmann::json(util::format_rfc3339(*deployment.ended_at))
                                       : nlohmann::json(nullptr)}};
}

}  // namespace reinforge::deploy
