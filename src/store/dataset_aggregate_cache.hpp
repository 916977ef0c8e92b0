#pragma once
// Aggregates over a dataset's records (counts by validity, issue code and topic; token lengths)
// scan every row of the dataset: about a second at a million records, and the datasets list and
// the canvas ask for them on every refresh. They change only when the dataset's records or topic
// assignments do, and every such write goes through SqliteStore, which forgets the dataset's
// entry; so an entry is kept until then. Not thread-safe: used under the store's mutex.

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/store_types.hpp"

namespace reinforge::store {

class DatasetAggregateCache {
 public:
  struct Entry {
    std::optional<RecordCounts> records;
    std::optional<std::vector<IssueCodeCount>> issue_codes;
    std::optional<std::vector<TopicRecordCount>> topics;
    std::optional<std::vector<std::pair<int64_t, int64_t>>> token_lengths;
  };

  Entry& entry(int64_t dataset_id) { return entries_[dataset_id]; }
  void forget(int64_t dataset_id) { entries_.erase(dataset_id); }

 private:
  std::unordered_map<int64_t, Entry> entries_;
};

}  // namespace reinforge::store
