#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace reinforge::records {

// Which records an export writes (PRODUCT.md: all, valid only, or by topic).
struct ExportFilter {
  bool valid_only = false;
  // A topic's id: the records it holds and its sub-topics' ("t3" takes "t3.1"); kUncategorized
  // takes the valid records without a topic. None: every topic.
  std::optional<std::string> topic;
};

// The `topic` of an export of the records without one.
inline constexpr std::string_view kUncategorized = "uncategorized";

// Writes the dataset's records as JSONL, in import order, to `sink` in chunks of about
// 64 KB. A record that was never edited comes out byte for byte as it was imported.
// `sink` returns false to stop (the client went away). Returns the records written.
int64_t export_jsonl(store::Store& store, int64_t dataset_id, const ExportFilter& filter,
                     const std::function<bool(std::string_view chunk)>& sink);

}  // namespace reinforge::records
