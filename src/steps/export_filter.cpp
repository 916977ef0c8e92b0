#include "steps/export_filter.hpp"

#include "topics/topic_set.hpp"
#include "topics/topic_set_json.hpp"

namespace reinforge::steps {

records::ExportFilter export_filter(store::Store& store, int64_t dataset_id, bool valid_only,
                                    const std::optional<std::string>& topic) {
  records::ExportFilter filter;
  filter.valid_only = valid_only;
  if (!topic) return filter;
  if (*topic == kUncategorized) {
    filter.uncategorized_only = true;
    return filter;
  }
  auto saved = store.get_topics(dataset_id);
  auto ids = saved ? topics::subtree_ids(topics::parse_topic_set(saved->topic_set_json), *topic)
                   : std::nullopt;
  if (!ids) {
    throw std::invalid_argument("topic " + *topic +
                                " is not one of this dataset's topics (or \"uncategorized\").");
  }
  filter.topic_ids.emplace(ids->begin(), ids->end());
  return filter;
}

}  // namespace reinforge::steps
