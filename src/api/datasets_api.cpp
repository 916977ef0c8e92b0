#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "records/dataset_settings.hpp"

namespace reinforge::api {

namespace {

std::string validated_name(const nlohmann::json& body, const std::string& key) {
  if (!body.contains(key) || !body[key].is_string()) {
    throw http::bad_request("'" + key + "' is required and must be a string.");
  }
  auto name = body[key].get<std::string>();
  auto first = name.find_first_not_of(" \t\n");
  auto last = name.find_last_not_of(" \t\n");
  name = first == std::string::npos ? "" : name.substr(first, last - first + 1);
  if (name.empty() || name.size() > 200) {
    throw http::bad_request("A dataset name must have 1 to 200 characters.");
  }
  return name;
}

// A model setting must name a model the server's providers serve, as a gateway call would
// resolve it; checked only when the request sets it, so a later config change does not block
// other edits.
void check_model_setting(AppContext& context, const nlohmann::json& settings, const records::DatasetSettings& parsed,
                         const std::string& key) {
  if (!settings.is_object() || !settings.contains(key)) return;
  const auto& model = key == "embedding_model"  ? parsed.topic_models.embedding_model
                      : key == "labeling_model" ? parsed.topic_models.labeling_model
                                                : parsed.generation_model;
  if (model && !context.models.serves(*model)) {
    throw http::bad_request("settings." + key + ": no provider serves the model '" + *model +
                            "'; add it to \"models\" in the server's config file or set a default provider.");
  }
}

std::string optional_string(const nlohmann::json& body, const std::string& key) {
  if (!body.contains(key) || body[key].is_null()) return "";
  if (!body[key].is_string()) throw http::bad_request("'" + key + "' must be a string.");
  return body[key].get<std::string>();
}

}  // namespace

store::Dataset require_dataset(AppContext& context, int64_t id) {
  auto dataset = context.store.find_dataset(id);
  if (!dataset) throw http::not_found("Dataset " + std::to_string(id) + " does not exist.");
  return *dataset;
}

void register_dataset_routes(http::Router& router, AppContext& context) {
  router.add("GET", "/api/datasets", [&context](http::Request&) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& dataset : context.store.list_datasets()) {
      items.push_back(dataset_json(context, dataset, false));
    }
    return http::Response::json(200, nlohmann::json{{"items", items}, {"total", items.size()}}.dump());
  });

  router.add("POST", "/api/datasets", [&context](http::Request& request) {
    auto body = parse_json_body(request.body);
    auto name = validated_name(body, "name");
    try {
      auto dataset = context.store.create_dataset(name, optional_string(body, "objective"));
      return http::Response::json(201, dataset_json(context, dataset, true).dump());
    } catch (const store::ConflictError& error) {
      throw http::conflict(error.what());
    }
  });

  router.add("GET", "/api/datasets/:id", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    return http::Response::json(200, dataset_json(context, dataset, true).dump());
  });

  router.add("PATCH", "/api/datasets/:id", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto body = parse_json_body(request.body);
    if (body.contains("name")) dataset.name = validated_name(body, "name");
    if (body.contains("objective")) dataset.objective = optional_string(body, "objective");
    if (body.contains("settings")) {
      try {
        // Merge onto the current settings so a partial update keeps the rest.
        auto merged = nlohmann::json::parse(records::settings_to_json(
            records::settings_from_json(dataset.settings_json)));
        merged.update(body["settings"]);
        auto parsed = records::settings_from_json(merged.dump());
        check_model_setting(context, body["settings"], parsed, "embedding_model");
        check_model_setting(context, body["settings"], parsed, "labeling_model");
        check_model_setting(context, body["settings"], parsed, "generation_model");
        dataset.settings_json = records::settings_to_json(parsed);
      } catch (const std::invalid_argument& error) {
        throw http::bad_request(error.what());
      } catch (const nlohmann::json::exception&) {
        throw http::bad_request("settings must be a JSON object");
      }
    }
    try {
      auto updated = context.store.update_dataset(dataset);
      return http::Response::json(200, dataset_json(context, updated, true).dump());
    } catch (const store::ConflictError& error) {
      throw http::conflict(error.what());
    }
  });

  router.add("POST", "/api/datasets/:id/duplicate", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto body = parse_json_body(request.body);
    std::string name = body.contains("name") ? validated_name(body, "name") : "";
    if (name.empty()) {
      // "name (copy)", then "name (copy 2)", ... until one is free.
      for (int n = 1; name.empty(); ++n) {
        std::string candidate = dataset.name + (n == 1 ? " (copy)" : " (copy " + std::to_string(n) + ")");
        if (!context.store.find_dataset_by_name(candidate)) name = candidate;
      }
    }
    try {
      auto copy = context.store.duplicate_dataset(dataset.id, name);
      return http::Response::json(201, dataset_json(context, copy, true).dump());
    } catch (const store::ConflictError& error) {
      throw http::conflict(error.what());
    }
  });

  router.add("DELETE", "/api/datasets/:id", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    for (const auto& job : context.store.list_jobs(dataset.id, 50)) {
      if (job.state == store::JobState::running || job.state == store::JobState::queued) {
        context.jobs.cancel(job.id);
      }
    }
    context.store.delete_dataset(dataset.id);
    return http::Response::no_content();
  });

  router.add("GET", "/api/datasets/:id/health", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto counts = context.store.count_records(dataset.id);
    return http::Response::json(
        200, health_json(counts, context.store.count_issue_codes(dataset.id)).dump());
  });
}

}  // namespace reinforge::api
