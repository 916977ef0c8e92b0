#pragma once
// The topic hierarchy as JSON, for export, import and the CLI (format in docs/topics.md):
// {"version": 1, "topics": [{"id", "name", "description", "keywords", "examples",
//   "target_share", "children": [...]}]}; a "records" count written by export is ignored on import.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "topics/topic_set.hpp"

namespace reinforge::topics {

// What an import does with the records' current topics (PRODUCT.md §4): keep the ones whose
// topic id still exists, or clear them all.
enum class AssignmentsOnImport { keep, clear };
std::optional<AssignmentsOnImport> assignments_on_import_from_string(std::string_view text);

nlohmann::json topic_set_to_json(const TopicSet& set);
// Validates the whole document and throws TopicSetError naming the place of the first problem
// ("topics[2].children[0].target_share: must be a number between 0 and 1"). Missing ids are
// assigned; names must be unique among siblings, ids unique everywhere.
TopicSet topic_set_from_json(const nlohmann::json& document);
TopicSet parse_topic_set(std::string_view json_text);

}  // namespace reinforge::topics
