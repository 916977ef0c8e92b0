#pragma once
// The dataset aggregates cache (dataset_aggregate_cache.hpp) for several instances on one
// database: another instance's writes never pass through this process, so an entry cannot be
// forgotten on write as SQLite's is. Instead each entry remembers the dataset's
// `aggregates_version` it was computed at; every write that changes the aggregates bumps that
// column in its transaction, and a read uses the entry only while the version is unchanged (one
// primary-key lookup instead of a scan of the dataset). Thread-safe: the pool's callers share it.
#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "store/dataset_aggregate_cache.hpp"

namespace reinforge::store::postgres {

class VersionedAggregateCache {
 public:
  using Entry = DatasetAggregateCache::Entry;

  // The aggregate `member` when it was computed at `version`.
  template <typename T>
  std::optional<T> find(int64_t dataset_id, int64_t version, std::optional<T> Entry::*member) {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(dataset_id);
    if (found == entries_.end() || found->second.version != version) return std::nullopt;
    return found->second.entry.*member;
  }

  // Keeps `value`, computed after reading `version`; an entry of an older version is dropped, and
  // a value older than the entry is not kept.
  template <typename T>
  void keep(int64_t dataset_id, int64_t version, std::optional<T> Entry::*member, const T& value) {
    std::lock_guard lock(mutex_);
    auto& slot = entries_[dataset_id];
    if (slot.version > version) return;
    if (slot.version < version) slot = Versioned{version, Entry{}};
    slot.entry.*member = value;
  }

 private:
  struct Versioned {
    int64_t version = -1;
    Entry entry;
  };
  std::mutex mutex_;
  std::unordered_map<int64_t, Versioned> entries_;
};

}  // namespace reinforge::store::postgres
