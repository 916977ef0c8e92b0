#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace reinforge::records {

// Which records an export writes (PRODUCT.md: all, valid only, or by topic).
struct ExportFilter {
  bool valid_only = false;
  // Only the valid records without a topic.
  bool uncategorized_only = false;
  // Only the records of these topics (a topic and its sub-topics: steps/export_filter.hpp).
  std::optional<std::set<std::string>> topic_ids;
};

// Writes the dataset's records as JSONL, in import order, to `sink` in chunks of about
// 64 KB. A record that was never edited comes out byte for byte as it was imported.
// `sink` returns false to stop (the client went away). Returns the records written.
int64_t export_jsonl(store::Store& store, int64_t dataset_id, const ExportFilter& filter,
                     const std::function<bool(std::string_view chunk)>& sink);

}  // namespace reinforge::records
