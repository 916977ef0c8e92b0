// Step 6 for the UI and scripts (docs/training.md): preflight, start, runs, their metric and
// event series, cancel, and a new trainer token.
#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "steps/training_start.hpp"
#include "training/run_progress.hpp"
#include "util/clock.hpp"
#include "util/secure_token.hpp"

namespace reinforge::api {

namespace {

training::TrainingOptions options_or_400(const std::string& body) {
  try {
    return training::read_training_options(parse_json_body(body));
  } catch (const training::TrainingOptionsError& error) {
    throw http::bad_request(error.what());
  }
}

store::TrainingRun require_run(AppContext& context, int64_t run_id) {
  auto run = context.training.runs.find_run(run_id);
  if (!run) throw http::not_found("Training run " + std::to_string(run_id) + " does not exist.");
  return *run;
}

int64_t after_param(const http::Request& request) {
  auto after = request.query_param("after").value_or("0");
  try {
    std::size_t used = 0;
    int64_t value = std::stoll(after, &used);
    if (used == after.size() && value >= 0) return value;
  } catch (const std::exception&) {
  }
  throw http::bad_request("after must be a sequence number (0 or more).");
}

}  // namespace

void register_training_routes(http::Router& router, AppContext& context) {
  router.add("POST", "/api/datasets/:id/training/preflight", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto options = options_or_400(request.body);
    auto preflight = steps::preflight_training(context.store, dataset, options);
    return http::Response::json(200, steps::preflight_json(preflight, options).dump());
  });

  router.add("POST", "/api/datasets/:id/training", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto options = options_or_400(request.body);
    // A launched command runs as the server's user, with its environment (provider keys) and its
    // files (the admin token): only an admin may give one, or an editor would be one.
    if (!options.command.empty() && (!request.principal || request.principal->role != "admin")) {
      throw http::HttpError(403, "forbidden",
                            "Only an admin may launch a command on the server (it runs as the "
                            "server's user). Start the external run without one and run the "
                            "trainer on its machine with the run's token.");
    }
    try {
      auto started = steps::start_training(context.store, context.training.runs, context.jobs,
                                           dataset, options);
      nlohmann::json body{
          {"run", training_run_json(started.run, context.training.server_url)},
          {"token", started.token ? nlohmann::json(*started.token) : nlohmann::json(nullptr)}};
      return http::Response::json(201, body.dump());
    } catch (const steps::TrainingStartRefused& refused) {
      throw http::HttpError(refused.is_conflict ? 409 : 400, refused.code, refused.what());
    }
  });

  router.add("GET", "/api/datasets/:id/training", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& run : context.training.runs.list_runs(dataset.id))
      items.push_back(training_run_json(run, context.training.server_url));
    return http::Response::json(200, nlohmann::json{{"items", items}}.dump());
  });

  router.add("GET", "/api/training/runs/:run", [&context](http::Request& request) {
    auto run = require_run(context, request.path_id("run"));
    return http::Response::json(200, training_run_json(run, context.training.server_url).dump());
  });

  router.add("GET", "/api/training/runs/:run/metrics", [&context](http::Request& request) {
    auto run = require_run(context, request.path_id("run"));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& metric :
         context.training.runs.list_metrics(run.id, after_param(request), 1000)) {
      auto point =
          training::read_metric_point(nlohmann::json::parse(metric.values_json, nullptr, false));
      if (!point) continue;
      auto item = training::metric_point_json(*point);
      item["seq"] = metric.seq;
      item["at"] = util::format_rfc3339(metric.at_ms / 1000);
      items.push_back(std::move(item));
    }
    return http::Response::json(200, nlohmann::json{{"items", items}}.dump());
  });

  router.add("GET", "/api/training/runs/:run/events", [&context](http::Request& request) {
    auto run = require_run(context, request.path_id("run"));
    auto [offset, limit] = paging(request.query);
    (void)offset;
    nlohmann::json items = nlohmann::json::array();
    for (const auto& event :
         context.training.runs.list_events(run.id, after_param(request), limit)) {
      items.push_back({{"seq", event.seq},
                       {"at", util::format_rfc3339(event.at_ms / 1000)},
                       {"level", event.level},
                       {"message", event.message}});
    }
    return http::Response::json(200, nlohmann::json{{"items", items}}.dump());
  });

  router.add("POST", "/api/training/runs/:run/cancel", [&context](http::Request& request) {
    auto run = require_run(context, request.path_id("run"));
    if (store::is_finished_run_state(run.state))
      throw http::conflict("Training run " + std::to_string(run.id) + " has already " +
                           (run.state == "cancelled" ? "been cancelled." : run.state + "."));
    if (run.job_id) context.jobs.cancel(*run.job_id);
    return http::Response::json(
        200, training_run_json(require_run(context, run.id), context.training.server_url).dump());
  });

  router.add("POST", "/api/training/runs/:run/token", [&context](http::Request& request) {
    auto run = require_run(context, request.path_id("run"));
    if (run.backend != training::kExternalBackend)
      throw http::bad_request("Only external runs have a trainer token.");
    if (!nlohmann::json::parse(run.options_json).value("command", "").empty())
      throw http::bad_request("This run launched its trainer command with a token of its own.");
    auto token = util::generate_secret("rft_");
    context.training.runs.modify_run(
        run.id, [&](store::TrainingRun& stored) { stored.token_sha256 = util::sha256_hex(token); });
    return http::Response::json(200, nlohmann::json{{"token", token}}.dump());
  });
}

}  // namespace reinforge::api
