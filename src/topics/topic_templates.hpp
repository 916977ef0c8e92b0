#pragma once
// Shipped starting points for a topic set (PRODUCT.md §4 "Template"); the copy a dataset gets
// is an ordinary TopicSet the user then edits.
#include <string>
#include <vector>

#include "topics/topic_set.hpp"

namespace reinforge::topics {

struct TopicTemplate {
  std::string id;  // "customer_support"
  std::string name;
  std::string description;
  TopicSet topics;
};

const std::vector<TopicTemplate>& topic_templates();
// nullptr when there is no template with this id.
const TopicTemplate* find_topic_template(const std::string& id);

}  // namespace reinforge::topics
