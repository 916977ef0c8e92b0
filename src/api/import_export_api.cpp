#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "records/import_job.hpp"
#include "records/jsonl_exporter.hpp"
#include "steps/export_filter.hpp"
#include "steps/topic_jobs.hpp"

namespace reinforge::api {

namespace {

// Keeps a download's file name to safe characters.
std::string download_name(const std::string& dataset_name) {
  std::string name;
  for (char c : dataset_name) {
    bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    name += safe ? c : '-';
  }
  return name.empty() ? "dataset" : name;
}

}  // namespace

void register_import_export_routes(http::Router& router, AppContext& context) {
  router.add(
      "POST", "/api/datasets/:id/import",
      [&context](http::Request& request) {
        auto dataset = require_dataset(context, request.path_id("id"));
        auto mode =
            records::import_mode_from_string(request.query_param("mode").value_or("append"));
        if (!mode) throw http::bad_request("mode must be 'append' or 'replace'.");
        if (!request.body_file) throw http::bad_request("Send the JSONL file as the request body.");
        auto start = request.query_param("start").value_or("false");
        if (start != "true" && start != "false")
          throw http::bad_request("start must be 'true' or 'false'.");
        // "Create & start" (PRODUCT.md §11): the automatic steps follow the import on the server,
        // so they run even if the browser is closed.
        std::optional<jobs::FollowUpJob> then;
        if (start == "true") then = steps::automatic_topics_step();
        auto job = records::submit_import(context.jobs, dataset.id, *request.body_file,
                                          context.uploads_dir(), *mode,
                                          request.query_param("filename").value_or(""), then);
        return http::Response::json(202, job_json(job).dump());
      },
      http::RouteOptions{.body_to_file = true});

  router.add("GET", "/api/datasets/:id/export", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto topic = request.query_param("topic");
    bool valid_only = request.query_param("valid_only").value_or("false") == "true";
    records::ExportFilter filter;
    try {
      filter = steps::export_filter(context.store, dataset.id, valid_only, topic);
    } catch (const std::invalid_argument& error) {
      throw http::bad_request(error.what());
    }
    std::string suffix = topic ? "-" + download_name(*topic) : "";
    if (valid_only) suffix += "-valid";
    http::Response response;
    response.content_type = "application/x-ndjson";
    response.headers.emplace_back(
        "Content-Disposition",
        "attachment; filename=\"" + download_name(dataset.name) + suffix + ".jsonl\"");
    auto& store = context.store;
    int64_t dataset_id = dataset.id;
    response.producer = [&store, dataset_id, filter](const http::BodyWriter& write) {
      records::export_jsonl(store, dataset_id, filter, write);
    };
    return response;
  });
}

}  // namespace reinforge::api
