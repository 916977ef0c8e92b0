// Step 7's deployments (docs/deployment.md): deploy, list, one with its per-arm figures,
// promote, roll back. The gateway applies each change within a second.
#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "deploy/deployment_actions.hpp"

namespace reinforge::api {

namespace {

store::DeploymentStore& deployments_of(AppContext& context) {
  if (!context.deployments)
    throw http::HttpError(503, "unavailable", "Deployments are not available here.");
  return *context.deployments;
}

template <class Action>
http::Response answer(Action&& action, int status = 200) {
  try {
    return http::Response::json(status, deploy::deployment_json(action()).dump());
  } catch (const deploy::DeployError& error) {
    throw http::HttpError(error.status, error.code, error.what());
  }
}

nlohmann::json arms_json(AppContext& context, int64_t deployment_id) {
  nlohmann::json arms = nlohmann::json::object();
  for (const auto& row : context.traces->deployment_arm_stats(deployment_id)) {
    arms[row.model] = {
        {"calls", row.calls},
        {"errors", row.errors},
        {"error_rate", row.calls ? static_cast<double>(row.errors) / row.calls : 0.0},
        {"prompt_tokens", row.prompt_tokens},
        {"completion_tokens", row.completion_tokens},
        {"latency_ms", {{"p50", row.latency_p50_ms}, {"p95", row.latency_p95_ms}}}};
  }
  return arms;
}

}  // namespace

void register_deployment_routes(http::Router& router, AppContext& context) {
  router.add("POST", "/api/deployments", [&context](http::Request& request) {
    auto& store = deployments_of(context);
    return answer(
        [&] {
          auto deployment = deploy::read_deploy_request(parse_json_body(request.body));
          // What it came from must exist, so step 7 and the run's history can name it.
          if (deployment.dataset_id) require_dataset(context, *deployment.dataset_id);
          if (deployment.run_id && !context.training.runs.find_run(*deployment.run_id))
            throw http::not_found("Training run " + std::to_string(*deployment.run_id) + " does not exist.");
          return deploy::deploy(store, context.models.config(), deployment);
        },
        201);
  });

  router.add("GET", "/api/deployments", [&context](http::Request& request) {
    bool active_only = request.query_param("state").value_or("") == "active";
    nlohmann::json items = nlohmann::json::array();
    for (const auto& deployment : deployments_of(context).list_deployments(active_only))
      items.push_back(deploy::deployment_json(deployment));
    return http::Response::json(200, nlohmann::json{{"items", items}}.dump());
  });

  router.add("GET", "/api/deployments/:id", [&context](http::Request& request) {
    auto deployment = deployments_of(context).find_deployment(request.path_id("id"));
    if (!deployment)
      throw http::not_found("Deployment " + request.path_params.at("id") + " does not exist.");
    auto body = deploy::deployment_json(*deployment);
    body["arms"] = arms_json(context, deployment->id);
    return http::Response::json(200, body.dump());
  });

  router.add("POST", "/api/deployments/:id/rollback", [&context](http::Request& request) {
    auto& store = deployments_of(context);
    return answer(
        [&] { return deploy::roll_back(store, request.path_id("id"), "rolled back by a person"); });
  });

  router.add("POST", "/api/deployments/:id/promote", [&context](http::Request& request) {
    auto& store = deployments_of(context);
    return answer([&] { return deploy::promote(store, request.path_id("id")); });
  });
}

}  // namespace reinforge::api
