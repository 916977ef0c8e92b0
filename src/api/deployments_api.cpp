// Step 7's deployments (docs/deployment.md): deploy, list, one with its per-arm figures,
// promote, roll back. The gateway applies each change within a second.
#include <cmath>
#include <map>

#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "deploy/arm_comparison.hpp"
#include "deploy/deployment_actions.hpp"
#include "deploy/online_scoring.hpp"

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

nlohmann::json optional_number(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json interval_json(const std::optional<deploy::Interval>& interval) {
  return interval ? nlohmann::json::array({interval->low, interval->high}) : nlohmann::json(nullptr);
}

nlohmann::json difference_json(const std::optional<deploy::ArmDifference>& difference) {
  if (!difference) return nullptr;
  return {{"difference", difference->difference},
          {"ci", interval_json(difference->interval)},
          {"conclusive", difference->conclusive},
          {"more_graded_per_arm", difference->more_per_arm ? nlohmann::json(*difference->more_per_arm)
                                                            : nlohmann::json(nullptr)}};
}

// Per-arm figures from the deployment's traces and online scores, and their comparison.
void add_live_figures(AppContext& context, const store::Deployment& deployment,
                      nlohmann::json& body) {
  auto options = deploy::deployment_options_from_json(deployment.options_json);
  const double confidence = options.guard.confidence;
  std::map<std::string, deploy::ArmTraffic> traffic;
  nlohmann::json arms = nlohmann::json::object();
  for (const auto& row : context.traces->deployment_arm_stats(deployment.id)) {
    traffic[row.model].calls = row.calls;
    traffic[row.model].errors = row.errors;
    arms[row.model] = {
        {"calls", row.calls},
        {"errors", row.errors},
        {"error_rate", row.calls ? static_cast<double>(row.errors) / row.calls : 0.0},
        {"prompt_tokens", row.prompt_tokens},
        {"completion_tokens", row.completion_tokens},
        {"latency_ms", {{"p50", row.latency_p50_ms}, {"p95", row.latency_p95_ms}}}};
  }
  for (const auto& totals : context.deployments->online_score_totals(deployment.id)) {
    auto score = deploy::arm_score(totals, confidence);
    traffic[totals.arm].score = score;
    if (!arms.contains(totals.arm)) arms[totals.arm] = nlohmann::json::object();
    arms[totals.arm]["score"] = {{"graded", score.graded},
                                 {"errors", score.errors},
                                 {"mean", optional_number(score.mean)},
                                 {"ci", interval_json(score.interval)}};
  }
  // An arm with calls but none graded yet has a score all the same, with nothing in it.
  for (auto& [name, arm] : arms.items()) {
    if (!arm.contains("score"))
      arm["score"] = {{"graded", 0}, {"errors", 0}, {"mean", nullptr}, {"ci", nullptr}};
  }
  body["arms"] = arms;
  const auto& base = traffic["base"];
  const auto& tuned = traffic["tuned"];
  auto score = deploy::score_difference(base.score, tuned.score, confidence);
  auto score_json = difference_json(score);
  if (score && score->more_per_arm && deployment.mode == "ab" && options.score_share > 0) {
    // Calls until the smaller arm has that many more graded traces.
    double arm_share = std::min(deployment.share_bp, 10000 - deployment.share_bp) / 10000.0;
    score_json["more_calls"] =
        static_cast<int64_t>(std::ceil(*score->more_per_arm / (options.score_share * arm_share)));
  } else if (score_json.is_object()) {
    score_json["more_calls"] = nullptr;
  }
  body["comparison"] = {
      {"score", score_json},
      {"error_rate", difference_json(deploy::error_rate_difference(
                         base.calls, base.errors, tuned.calls, tuned.errors, confidence))}};
}

void add_scoring_eligibility(AppContext& context, const store::Deployment& deployment,
                             nlohmann::json& body) {
  auto eligibility = deploy::online_scoring_eligibility(context.store, deployment);
  body["online_scoring"]["eligible"] = eligibility.eligible;
  body["online_scoring"]["reason"] = eligibility.reason;
  body["online_scoring"]["grader_version"] = eligibility.grader_version;
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
          return deploy::deploy(store, context.models.config(), deployment,
                                deploy::called_before_in(*context.traces));
        },
        201);
  });

  router.add("GET", "/api/deployments", [&context](http::Request& request) {
    bool active_only = request.query_param("state").value_or("") == "active";
    nlohmann::json items = nlohmann::json::array();
    for (const auto& deployment : deployments_of(context).list_deployments(active_only)) {
      items.push_back(deploy::deployment_json(deployment));
      add_scoring_eligibility(context, deployment, items.back());
    }
    return http::Response::json(200, nlohmann::json{{"items", items}}.dump());
  });

  router.add("GET", "/api/deployments/:id", [&context](http::Request& request) {
    auto deployment = deployments_of(context).find_deployment(request.path_id("id"));
    if (!deployment)
      throw http::not_found("Deployment " + request.path_params.at("id") + " does not exist.");
    auto body = deploy::deployment_json(*deployment);
    add_scoring_eligibility(context, *deployment, body);
    add_live_figures(context, *deployment, body);
    return http::Response::json(200, body.dump());
  });

  router.add("PATCH", "/api/deployments/:id", [&context](http::Request& request) {
    auto& store = deployments_of(context);
    return answer([&] {
      return deploy::change_options(store, request.path_id("id"), parse_json_body(request.body));
    });
  });

  router.add("GET", "/api/deployments/:id/scores", [&context](http::Request& request) {
    auto id = request.path_id("id");
    if (!deployments_of(context).find_deployment(id))
      throw http::not_found("Deployment " + request.path_params.at("id") + " does not exist.");
    auto [offset, limit] = paging(request.query);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& score : context.deployments->list_online_scores(id, offset, limit)) {
      items.push_back({{"trace_id", score.trace_id},
                       {"arm", score.arm},
                       {"score", optional_number(score.score)},
                       {"reason", score.reason},
                       {"error", score.error}});
    }
    return http::Response::json(
        200, nlohmann::json{{"offset", offset}, {"limit", limit}, {"items", items}}.dump());
  });

  router.add("GET", "/api/deployments/:id/timeline", [&context](http::Request& request) {
    auto deployment = deployments_of(context).find_deployment(request.path_id("id"));
    if (!deployment)
      throw http::not_found("Deployment " + request.path_params.at("id") + " does not exist.");
    int64_t bucket_s = 60;
    if (auto asked = request.query_param("bucket_s")) {
      try {
        bucket_s = std::stoll(*asked);
      } catch (const std::exception&) {
        bucket_s = 0;
      }
      if (bucket_s < 1 || bucket_s > 86400)
        throw http::bad_request("bucket_s must be a whole number of seconds from 1 to 86400.");
    }
    const int64_t bucket_ms = bucket_s * 1000;
    // Buckets in time order, each with both arms (zeros where an arm had nothing).
    std::map<int64_t, nlohmann::json> points;
    auto point = [&](int64_t bucket) -> nlohmann::json& {
      auto& entry = points[bucket];
      if (entry.is_null()) {
        entry = {{"at", bucket * bucket_ms}};
        for (const char* arm : {"base", "tuned"})
          entry[arm] = {{"calls", 0}, {"errors", 0}, {"graded", 0}, {"score_mean", nullptr}};
      }
      return entry;
    };
    for (const auto& row : context.traces->deployment_arm_timeline(deployment->id, bucket_ms)) {
      if (row.model != "base" && row.model != "tuned") continue;
      auto& arm = point(std::stoll(row.day))[row.model];
      arm["calls"] = row.calls;
      arm["errors"] = row.errors;
    }
    for (const auto& bucket :
         context.deployments->online_score_timeline(deployment->id, bucket_ms)) {
      if (bucket.totals.arm != "base" && bucket.totals.arm != "tuned") continue;
      auto& arm = point(bucket.bucket)[bucket.totals.arm];
      arm["graded"] = bucket.totals.graded;
      if (bucket.totals.graded > 0) arm["score_mean"] = bucket.totals.sum / bucket.totals.graded;
    }
    nlohmann::json items = nlohmann::json::array();
    for (auto& [bucket, entry] : points) items.push_back(std::move(entry));
    return http::Response::json(
        200, nlohmann::json{{"bucket_s", bucket_s}, {"points", items}}.dump());
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
