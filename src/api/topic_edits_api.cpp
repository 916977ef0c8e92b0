// The hierarchy edits that move records (docs/api.md "Topics"): merge and split. Everything else
// (rename, describe, targets, add, delete) is a PUT of the whole hierarchy in topics_api.cpp.
#include <algorithm>

#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "steps/split_topic_job.hpp"
#include "topics/hierarchy_edits.hpp"
#include "topics/topic_set_json.hpp"

namespace reinforge::api {

namespace {

topics::TopicSet require_topic_set(AppContext& context, int64_t dataset_id) {
  auto stored = context.store.get_topics(dataset_id);
  if (!stored) throw http::conflict("This dataset has no topics yet; define them first.");
  return topics::parse_topic_set(stored->topic_set_json);
}

topics::MergeRequest merge_request_from(const nlohmann::json& body) {
  topics::MergeRequest request;
  if (!body.contains("topics") || !body["topics"].is_array()) {
    throw http::bad_request("'topics' must be an array of at least two topic ids.");
  }
  for (const auto& id : body["topics"]) {
    if (!id.is_string()) throw http::bad_request("'topics' must hold topic ids (strings).");
    request.topics.push_back(id.get<std::string>());
  }
  if (request.topics.size() < 2) throw http::bad_request("Merging needs at least two topics in 'topics'.");
  for (std::size_t i = 0; i < request.topics.size(); ++i) {
    if (std::count(request.topics.begin(), request.topics.end(), request.topics[i]) > 1) {
      throw http::bad_request("Topic '" + request.topics[i] + "' is listed twice in 'topics'.");
    }
  }
  if (!body.contains("into") || !body["into"].is_string()) {
    throw http::bad_request("'into' must name the topic that remains (one of 'topics').");
  }
  request.into = body["into"].get<std::string>();
  if (std::find(request.topics.begin(), request.topics.end(), request.into) == request.topics.end()) {
    throw http::bad_request("'into' (" + request.into + ") must be one of the merged topics.");
  }
  if (body.contains("name") && !body["name"].is_null()) {
    if (!body["name"].is_string() || body["name"].get<std::string>().empty()) {
      throw http::bad_request("'name' must be a non-empty string, or left out to keep the name of 'into'.");
    }
    request.name = body["name"].get<std::string>();
  }
  return request;
}

std::optional<int> split_parts_from(const nlohmann::json& body) {
  if (!body.contains("parts") || body["parts"].is_null()) return std::nullopt;
  if (!body["parts"].is_number_integer() || body["parts"].get<int>() < 2 || body["parts"].get<int>() > 8) {
    throw http::bad_request("'parts' must be an integer from 2 to 8, or null to choose automatically.");
  }
  return body["parts"].get<int>();
}

int64_t records_in_topic(AppContext& context, int64_t dataset_id, const std::string& topic_id) {
  int64_t records = 0;
  for (const auto& count : context.store.count_records_by_topic(dataset_id)) {
    if (count.topic == topic_id) records += count.count;
  }
  return records;
}

}  // namespace

void register_topic_edit_routes(http::Router& router, AppContext& context) {
  // {"topics": ["t2", "t5"], "into": "t2", "name"?: "..."} → the hierarchy; the others' records
  // move to `into` with their confidence and manual flag.
  router.add("POST", "/api/datasets/:id/topics/merge", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto merge = merge_request_from(parse_json_body(request.body));
    auto set = require_topic_set(context, dataset.id);
    for (const auto& id : merge.topics) {
      if (!topics::find_topic(set, id)) throw http::not_found("Topic '" + id + "' does not exist in this dataset.");
    }
    topics::MergeOutcome outcome;
    try {
      outcome = topics::merge_into(set, merge);
    } catch (const topics::TopicSetError& error) {
      throw http::bad_request(std::string("These topics cannot be merged: ") + error.what() + ".");
    }
    store::TopicEdit edit{{topics::topic_set_to_json(set).dump(), "manual", 0}, outcome.moved_from, outcome.into, "", {}};
    int64_t moved = context.store.apply_topic_edit(dataset.id, edit);
    auto body = topics_json(context, dataset.id);
    body["merged"] = {{"into", outcome.into}, {"records_moved", moved}};
    return http::Response::json(200, body.dump());
  });

  // {"parts": 2..8 | null} → 202 Job (split_topic): the topic's records are clustered into
  // sub-topics of it.
  router.add("POST", "/api/datasets/:id/topics/:topic/split", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto topic_id = request.path_params.at("topic");
    auto parts = split_parts_from(parse_json_body(request.body));
    auto set = require_topic_set(context, dataset.id);
    const auto* topic = topics::find_topic(set, topic_id);
    if (!topic) throw http::not_found("Topic '" + topic_id + "' does not exist in this dataset.");
    if (!topic->children.empty()) {
      throw http::bad_request("Topic '" + topic->name + "' already has sub-topics; split one of them instead.");
    }
    auto records = records_in_topic(context, dataset.id, topic_id);
    auto needed = static_cast<int64_t>(topics::min_texts_to_split(parts));
    if (records < needed) {
      throw http::conflict("Topic '" + topic->name + "' has " + std::to_string(records) + " records; splitting it into " +
                           std::to_string(parts.value_or(2)) + " parts needs at least " + std::to_string(needed) + ".");
    }
    return http::Response::json(202, job_json(steps::submit_split_topic(context.jobs, dataset.id, topic_id, parts)).dump());
  });
}

}  // namespace reinforge::api
