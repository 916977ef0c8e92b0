#include <algorithm>

#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "steps/topic_jobs.hpp"
#include "topics/topic_set_json.hpp"
#include "topics/topic_templates.hpp"

namespace reinforge::api {

namespace {

bool any_record_categorized(AppContext& context, int64_t dataset_id) {
  auto counts = context.store.count_records_by_topic(dataset_id);
  return std::any_of(counts.begin(), counts.end(),
                     [](const auto& count) { return !count.topic.empty(); });
}

std::vector<std::string> leaf_ids(const topics::TopicSet& set) {
  std::vector<std::string> ids;
  for (const auto* topic : topics::leaf_topics(set)) ids.push_back(topic->id);
  return ids;
}

topics::TopicSet parse_or_400(const std::string& text) {
  try {
    return topics::parse_topic_set(text);
  } catch (const topics::TopicSetError& error) {
    throw http::bad_request(std::string("The topic hierarchy is not valid: ") + error.what());
  } catch (const nlohmann::json::exception&) {
    throw http::bad_request("The topic hierarchy is not valid JSON.");
  }
}

}  // namespace

void register_topic_routes(http::Router& router, AppContext& context) {
  router.add("GET", "/api/topic-templates", [](http::Request&) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& topic_template : topics::topic_templates()) {
      auto entry = topics::topic_set_to_json(topic_template.topics);
      entry["id"] = topic_template.id;
      entry["name"] = topic_template.name;
      entry["description"] = topic_template.description;
      items.push_back(entry);
    }
    return http::Response::json(200, nlohmann::json{{"items", items}}.dump());
  });

  router.add("GET", "/api/datasets/:id/topics", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    return http::Response::json(200, topics_json(context, dataset.id).dump());
  });

  // Replaces the hierarchy (manual edit or import). ?assignments=keep (the default) keeps records
  // whose topic still exists; clear uncategorizes all and categorizes again. Categorization also
  // starts by itself when no record had a topic yet: a first hierarchy written by hand
  // (PRODUCT.md §4: categorization runs automatically after topics are defined).
  router.add("PUT", "/api/datasets/:id/topics", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto mode = topics::assignments_on_import_from_string(
        request.query_param("assignments").value_or("keep"));
    if (!mode) throw http::bad_request("assignments must be 'keep' or 'clear'.");
    auto set = parse_or_400(request.body);
    bool clear = *mode == topics::AssignmentsOnImport::clear;
    // An edit that keeps the assignments keeps the record of how they were made.
    auto previous = context.store.get_topics(dataset.id);
    std::string method_json = !clear && previous ? previous->method_json : "{}";
    // Asked before the save: a keep that drops every old topic must not read as "nothing had a
    // topic" and re-categorize what the person chose to keep uncategorized.
    bool first_categorization = !any_record_categorized(context, dataset.id);
    context.store.put_topics(dataset.id,
                             {topics::topic_set_to_json(set).dump(),
                              request.query_param("source").value_or("manual"), 0, method_json},
                             clear);
    if (!clear) context.store.uncategorize_topics_not_in(dataset.id, leaf_ids(set));
    bool categorize = !leaf_ids(set).empty() && (clear || first_categorization);
    nlohmann::json body = topics_json(context, dataset.id);
    if (categorize)
      body["job"] = job_json(steps::submit_categorize(context.jobs, dataset.id, false));
    return http::Response::json(200, body.dump());
  });

  router.add("GET", "/api/datasets/:id/topics/export", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto stored = context.store.get_topics(dataset.id);
    if (!stored) throw http::not_found("This dataset has no topics yet.");
    http::Response response =
        http::Response::json(200, nlohmann::json::parse(stored->topic_set_json).dump(2));
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"topics.json\"");
    return response;
  });

  router.add("POST", "/api/datasets/:id/topics/discover", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto body = parse_json_body(request.body);
    std::optional<int> count;
    if (body.contains("topics") && !body["topics"].is_null()) {
      if (!body["topics"].is_number_integer() || body["topics"].get<int>() < 2 ||
          body["topics"].get<int>() > 500) {
        throw http::bad_request(
            "'topics' must be an integer between 2 and 500, or null to choose automatically.");
      }
      count = body["topics"].get<int>();
    }
    return http::Response::json(
        202, job_json(steps::submit_discover_topics(context.jobs, dataset.id, count)).dump());
  });

  router.add("POST", "/api/datasets/:id/topics/template", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto body = parse_json_body(request.body);
    const auto* topic_template = topics::find_topic_template(body.value("template", ""));
    if (!topic_template)
      throw http::bad_request("Unknown template; GET /api/topic-templates lists them.");
    context.store.put_topics(
        dataset.id, {topics::topic_set_to_json(topic_template->topics).dump(), "template", 0},
        true);
    nlohmann::json response = topics_json(context, dataset.id);
    response["job"] = job_json(steps::submit_categorize(context.jobs, dataset.id, false));
    return http::Response::json(200, response.dump());
  });

  router.add("POST", "/api/datasets/:id/topics/categorize", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto body = parse_json_body(request.body);
    auto mode = body.value("mode", std::string("all"));
    if (mode != "all" && mode != "unlabeled")
      throw http::bad_request("mode must be 'all' or 'unlabeled'.");
    if (!context.store.get_topics(dataset.id))
      throw http::conflict("Define topics before categorizing.");
    return http::Response::json(
        202,
        job_json(steps::submit_categorize(context.jobs, dataset.id, mode == "unlabeled")).dump());
  });

  // A person's assignment: kept through re-categorization. {"topic": "t3"} or {"topic": null}.
  router.add("PUT", "/api/datasets/:id/records/:rid/topic", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    int64_t record_id = request.path_id("rid");
    auto body = parse_json_body(request.body);
    std::optional<std::string> topic;
    if (body.contains("topic") && !body["topic"].is_null()) {
      if (!body["topic"].is_string())
        throw http::bad_request("'topic' must be a topic id or null.");
      topic = body["topic"].get<std::string>();
      auto stored = context.store.get_topics(dataset.id);
      auto ids = stored ? leaf_ids(topics::parse_topic_set(stored->topic_set_json))
                        : std::vector<std::string>{};
      if (std::find(ids.begin(), ids.end(), *topic) == ids.end()) {
        throw http::bad_request("'" + *topic +
                                "' is not a topic of this dataset that records can belong to.");
      }
    }
    auto record = context.store.get_record(dataset.id, record_id);
    if (!record)
      throw http::not_found("Record " + std::to_string(record_id) + " is not in this dataset.");
    if (!record->valid)
      throw http::conflict("Invalid records have no topic; fix the record first.");
    std::vector<store::TopicAssignment> assignment = {
        {record_id, topic, topic ? std::optional<double>(1.0) : std::nullopt}};
    context.store.assign_topics(dataset.id, assignment, true);
    return http::Response::json(
        200, record_json(*context.store.get_record(dataset.id, record_id), false).dump());
  });
}

}  // namespace reinforge::api
