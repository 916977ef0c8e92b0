#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"

namespace reinforge::api {

void register_job_routes(http::Router& router, AppContext& context) {
  router.add("GET", "/api/jobs/:id", [&context](http::Request& request) {
    auto job = context.store.find_job(request.path_id("id"));
    if (!job) throw http::not_found("Job " + request.path_params["id"] + " does not exist.");
    return http::Response::json(200, job_json(*job).dump());
  });

  router.add("GET", "/api/datasets/:id/jobs", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& job : context.store.list_jobs(dataset.id, 50)) items.push_back(job_json(job));
    return http::Response::json(200, nlohmann::json{{"items", items}}.dump());
  });

  router.add("POST", "/api/jobs/:id/cancel", [&context](http::Request& request) {
    auto job = context.jobs.cancel(request.path_id("id"));
    if (!job) throw http::not_found("Job " + request.path_params["id"] + " does not exist.");
    return http::Response::json(200, job_json(*job).dump());
  });
}

}  // namespace reinforge::api
