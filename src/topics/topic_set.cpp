#include "topics/topic_set.hpp"

#include <algorithm>
#include <functional>

namespace reinforge::topics {

namespace {

template <typename Set, typename TopicPointer>
TopicPointer find_in(Set& topics, const std::string& id, TopicPointer) {
  for (auto& topic : topics) {
    if (topic.id == id) return &topic;
    if (auto* found = find_in(topic.children, id, TopicPointer{})) return found;
  }
  return nullptr;
}

std::vector<Topic>* siblings_of(std::vector<Topic>& topics, const std::string& id) {
  for (auto& topic : topics) {
    if (topic.id == id) return &topics;
    if (auto* found = siblings_of(topic.children, id)) return found;
  }
  return nullptr;
}

Topic& require(TopicSet& set, const std::string& id) {
  auto* topic = find_topic(set, id);
  if (!topic) throw TopicSetError("no topic with id '" + id + "'");
  return *topic;
}

void check_name(const std::vector<Topic>& siblings, const std::string& name, const std::string& except_id) {
  if (name.empty()) throw TopicSetError("a topic needs a name");
  for (const auto& sibling : siblings) {
    if (sibling.name == name && sibling.id != except_id) {
      throw TopicSetError("a topic named '" + name + "' already exists at this level");
    }
  }
}

void check_share(std::optional<double> share) {
  if (share && !(*share >= 0 && *share <= 1)) throw TopicSetError("a target share must be between 0 and 1");
}

std::string next_id(const TopicSet& set, const std::string& prefix) {
  auto ids = all_topic_ids(set);
  for (int n = 1;; ++n) {
    std::string candidate = prefix + std::to_string(n);
    if (std::find(ids.begin(), ids.end(), candidate) == ids.end()) return candidate;
  }
}

void collect_ids(const Topic& topic, std::vector<std::string>& ids) {
  ids.push_back(topic.id);
  for (const auto& child : topic.children) collect_ids(child, ids);
}

void append_unique(std::vector<std::string>& into, const std::vector<std::string>& more) {
  for (const auto& item : more) {
    if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
  }
}

}  // namespace

Topic* find_topic(TopicSet& set, const std::string& id) { return find_in(set.topics, id, static_cast<Topic*>(nullptr)); }

const Topic* find_topic(const TopicSet& set, const std::string& id) {
  return find_in(set.topics, id, static_cast<const Topic*>(nullptr));
}

std::vector<const Topic*> leaf_topics(const TopicSet& set) {
  std::vector<const Topic*> leaves;
  std::function<void(const std::vector<Topic>&)> walk = [&](const std::vector<Topic>& topics) {
    for (const auto& topic : topics) {
      if (topic.children.empty()) {
        leaves.push_back(&topic);
      } else {
        walk(topic.children);
      }
    }
  };
  walk(set.topics);
  return leaves;
}

std::vector<std::string> all_topic_ids(const TopicSet& set) {
  std::vector<std::string> ids;
  for (const auto& topic : set.topics) collect_ids(topic, ids);
  return ids;
}

std::optional<std::vector<std::string>> subtree_ids(const TopicSet& set, const std::string& id) {
  const Topic* topic = find_topic(set, id);
  if (!topic) return std::nullopt;
  std::vector<std::string> ids;
  collect_ids(*topic, ids);
  return ids;
}

std::string create_topic(TopicSet& set, const NewTopic& topic, const std::optional<std::string>& parent_id) {
  check_share(topic.target_share);
  auto& siblings = parent_id ? require(set, *parent_id).children : set.topics;
  check_name(siblings, topic.name, "");
  Topic created{next_id(set, parent_id ? *parent_id + "." : "t"), topic.name, topic.description, topic.keywords,
                {}, topic.target_share, {}};
  siblings.push_back(std::move(created));
  return siblings.back().id;
}

void rename_topic(TopicSet& set, const std::string& id, const std::string& name) {
  require(set, id);
  check_name(*siblings_of(set.topics, id), name, id);
  require(set, id).name = name;
}

void describe_topic(TopicSet& set, const std::string& id, const std::string& description,
                    const std::vector<std::string>& keywords) {
  auto& topic = require(set, id);
  topic.description = description;
  topic.keywords = keywords;
}

void set_target_share(TopicSet& set, const std::string& id, std::optional<double> share) {
  check_share(share);
  require(set, id).target_share = share;
}

std::string merge_topics(TopicSet& set, const std::vector<std::string>& ids, const std::string& name) {
  if (ids.size() < 2) throw TopicSetError("merging needs at least two topics");
  auto* level = siblings_of(set.topics, ids[0]);
  for (const auto& id : ids) {
    require(set, id);
    if (siblings_of(set.topics, id) != level) throw TopicSetError("only topics at the same level can be merged");
    if (std::count(ids.begin(), ids.end(), id) > 1) throw TopicSetError("topic '" + id + "' is listed twice");
  }
  Topic& kept = require(set, ids[0]);
  for (std::size_t i = 1; i < ids.size(); ++i) {
    const Topic& other = *find_topic(set, ids[i]);
    append_unique(kept.keywords, other.keywords);
    append_unique(kept.examples, other.examples);
    for (const auto& child : other.children) kept.children.push_back(child);
    if (other.target_share) kept.target_share = kept.target_share.value_or(0) + *other.target_share;
    if (kept.description.empty()) kept.description = other.description;
  }
  std::string kept_id = kept.id;
  level->erase(std::remove_if(level->begin(), level->end(),
                              [&](const Topic& t) { return t.id != kept_id && std::count(ids.begin(), ids.end(), t.id); }),
               level->end());
  auto& merged = require(set, kept_id);
  if (merged.target_share) merged.target_share = std::min(1.0, *merged.target_share);
  check_name(*level, name, kept_id);
  merged.name = name;
  return kept_id;
}

std::vector<std::string> split_topic(TopicSet& set, const std::string& id, const std::vector<NewTopic>& parts) {
  if (parts.size() < 2) throw TopicSetError("splitting needs at least two parts");
  if (!require(set, id).children.empty()) throw TopicSetError("topic '" + id + "' already has sub-topics");
  std::vector<std::string> ids;
  for (const auto& part : parts) ids.push_back(create_topic(set, part, id));
  return ids;
}

std::vector<std::string> delete_topic(TopicSet& set, const std::string& id) {
  std::vector<std::string> removed;
  collect_ids(require(set, id), removed);
  auto* level = siblings_of(set.topics, id);
  level->erase(std::remove_if(level->begin(), level->end(), [&](const Topic& t) { return t.id == id; }), level->end());
  return removed;
}

}  // namespace reinforge::topics
