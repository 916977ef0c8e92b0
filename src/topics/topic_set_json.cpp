#include "topics/topic_set_json.hpp"

#include <nlohmann/json.hpp>
#include <set>

namespace reinforge::topics {

std::optional<AssignmentsOnImport> assignments_on_import_from_string(std::string_view text) {
  if (text == "keep") return AssignmentsOnImport::keep;
  if (text == "clear") return AssignmentsOnImport::clear;
  return std::nullopt;
}

namespace {

nlohmann::json topic_to_json(const Topic& topic) {
  nlohmann::json out = {{"id", topic.id},           {"name", topic.name},
                        {"description", topic.description}, {"keywords", topic.keywords},
                        {"examples", topic.examples}};
  out["target_share"] = topic.target_share ? nlohmann::json(*topic.target_share) : nlohmann::json(nullptr);
  out["children"] = nlohmann::json::array();
  for (const auto& child : topic.children) out["children"].push_back(topic_to_json(child));
  return out;
}

[[noreturn]] void fail(const std::string& where, const std::string& problem) {
  throw TopicSetError(where + ": " + problem);
}

std::vector<std::string> string_list(const nlohmann::json& value, const std::string& where) {
  if (!value.is_array()) fail(where, "must be an array of strings");
  std::vector<std::string> items;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) fail(where + "[" + std::to_string(i) + "]", "must be a string");
    items.push_back(value[i].get<std::string>());
  }
  return items;
}

struct Reader {
  std::set<std::string> ids;

  std::vector<Topic> topics(const nlohmann::json& list, const std::string& where) {
    if (!list.is_array()) fail(where, "must be an array of topics");
    std::vector<Topic> result;
    std::set<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string place = where + "[" + std::to_string(i) + "]";
      result.push_back(topic(list[i], place));
      if (!names.insert(result.back().name).second) {
        fail(place + ".name", "'" + result.back().name + "' is used by another topic at this level");
      }
    }
    return result;
  }

  Topic topic(const nlohmann::json& value, const std::string& where) {
    static const std::set<std::string> known = {"id",       "name",         "description", "keywords",
                                                "examples", "target_share", "children", "records"};
    if (!value.is_object()) fail(where, "must be an object");
    for (const auto& [key, field] : value.items()) {
      if (!known.count(key)) fail(where + "." + key, "unknown field (known: id, name, description, keywords, examples, target_share, children, records)");
    }
    Topic topic;
    if (!value.contains("name") || !value["name"].is_string() || value["name"].get<std::string>().empty()) {
      fail(where + ".name", "must be a non-empty string");
    }
    topic.name = value["name"].get<std::string>();
    if (value.contains("id") && !value["id"].is_null()) {
      if (!value["id"].is_string() || value["id"].get<std::string>().empty()) fail(where + ".id", "must be a non-empty string");
      topic.id = value["id"].get<std::string>();
      if (!ids.insert(topic.id).second) fail(where + ".id", "'" + topic.id + "' is used by another topic");
    }
    if (value.contains("description")) {
      if (!value["description"].is_string()) fail(where + ".description", "must be a string");
      topic.description = value["description"].get<std::string>();
    }
    if (value.contains("keywords")) topic.keywords = string_list(value["keywords"], where + ".keywords");
    if (value.contains("examples")) topic.examples = string_list(value["examples"], where + ".examples");
    if (value.contains("target_share") && !value["target_share"].is_null()) {
      const auto& share = value["target_share"];
      if (!share.is_number() || share.get<double>() < 0 || share.get<double>() > 1) {
        fail(where + ".target_share", "must be a number between 0 and 1 (or null for an equal share)");
      }
      topic.target_share = share.get<double>();
    }
    if (value.contains("children")) topic.children = topics(value["children"], where + ".children");
    return topic;
  }
};

void assign_missing_ids(std::vector<Topic>& topics, const std::string& prefix, std::set<std::string>& used) {
  int next = 1;
  for (auto& topic : topics) {
    if (topic.id.empty()) {
      while (used.count(prefix + std::to_string(next))) ++next;
      topic.id = prefix + std::to_string(next);
      used.insert(topic.id);
    }
    assign_missing_ids(topic.children, topic.id + ".", used);
  }
}

}  // namespace

nlohmann::json topic_set_to_json(const TopicSet& set) {
  nlohmann::json out = {{"version", 1}, {"topics", nlohmann::json::array()}};
  for (const auto& topic : set.topics) out["topics"].push_back(topic_to_json(topic));
  return out;
}

TopicSet topic_set_from_json(const nlohmann::json& document) {
  if (!document.is_object()) fail("document", "must be an object with a \"topics\" array");
  if (document.contains("version") && document["version"] != 1) fail("version", "only version 1 is understood");
  if (!document.contains("topics")) fail("topics", "is missing");
  Reader reader;
  TopicSet set;
  set.topics = reader.topics(document["topics"], "topics");
  assign_missing_ids(set.topics, "t", reader.ids);
  return set;
}

TopicSet parse_topic_set(std::string_view json_text) {
  auto document = nlohmann::json::parse(json_text, nullptr, false);
  if (document.is_discarded()) throw TopicSetError("document: not valid JSON");
  return topic_set_from_json(document);
}

}  // namespace reinforge::topics
