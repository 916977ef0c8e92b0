#pragma once
// A dataset's topic hierarchy (PRODUCT.md §4) and the edits a user makes to it. Records point
// at topics by id; edits that move records (merge, split, delete) return what the caller must
// do with the old assignments.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace reinforge::topics {

struct Topic {
  std::string id;  // stable across renames: "t3", a sub-topic "t3.2"
  std::string name;
  std::string description;
  std::vector<std::string> keywords;
  std::vector<std::string> examples;   // a few representative user requests, when known
  std::optional<double> target_share;  // in [0, 1]; none means "equal share" (coverage/)
  std::vector<Topic> children;
};

struct TopicSet {
  std::vector<Topic> topics;
};

// An edit that cannot be done, with a message for the person ("no topic with id t9").
struct TopicSetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Topic* find_topic(TopicSet& set, const std::string& id);
const Topic* find_topic(const TopicSet& set, const std::string& id);
// Topics that receive records: those without sub-topics, depth first.
std::vector<const Topic*> leaf_topics(const TopicSet& set);
std::vector<std::string> all_topic_ids(const TopicSet& set);
// A topic's id and those of every topic under it; none when the set has no such topic. (An
// uploaded hierarchy names its own ids: a child's need not start with its parent's.)
std::optional<std::vector<std::string>> subtree_ids(const TopicSet& set, const std::string& id);

struct NewTopic {
  std::string name;
  std::string description;
  std::vector<std::string> keywords;
  std::optional<double> target_share;
};

// Returns the new topic's id; under `parent_id` it becomes a sub-topic.
std::string create_topic(TopicSet& set, const NewTopic& topic, const std::optional<std::string>& parent_id = {});
void rename_topic(TopicSet& set, const std::string& id, const std::string& name);
void describe_topic(TopicSet& set, const std::string& id, const std::string& description,
                    const std::vector<std::string>& keywords);
void set_target_share(TopicSet& set, const std::string& id, std::optional<double> share);

// Records of every merged topic now belong to the returned topic (the first id keeps its
// identity and gets the name; the others' keywords, examples and targets are folded in).
std::string merge_topics(TopicSet& set, const std::vector<std::string>& ids, const std::string& name);
// Splits a topic into sub-topics with these names; its records need re-categorization among
// the returned ids.
std::vector<std::string> split_topic(TopicSet& set, const std::string& id, const std::vector<NewTopic>& parts);
// Deletes a topic and its sub-topics; returns the ids whose records become uncategorized.
std::vector<std::string> delete_topic(TopicSet& set, const std::string& id);

}  // namespace reinforge::topics
