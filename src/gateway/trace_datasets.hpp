#pragma once
// Datasets made from traces (PRODUCT.md §3): each successful chat trace becomes a record —
// the request's messages and tools, then the response message as the reference answer —
// with origin "trace" and the trace id kept, validated at once like any other record.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "health/record_validator.hpp"

#include "store/store.hpp"
#include "store/trace_store.hpp"

namespace reinforge::gateway {

struct TraceImportCounts {
  int64_t added = 0;
  int64_t invalid = 0;   // added, but failing validation
  int64_t skipped = 0;   // not a successful chat completion
};

// Appends traces as records of one dataset the way an import does: built and validated on every
// core, duplicates found against the dataset's records (read once) and what this appender already
// added, each call one batch written through the store's bulk insert.
class TraceRecordAppender {
 public:
  // Throws std::invalid_argument when the dataset does not exist.
  TraceRecordAppender(store::Store& store, int64_t dataset_id);
  TraceImportCounts append(std::span<const store::Trace> traces);

  // append() in two halves, for a pipeline: build() uses only the appender's validators (one
  // build at a time), write() only its seen hashes and the store, in the order the batches were
  // built; so one build may run beside one write.
  using Built = std::vector<std::optional<store::NewRecord>>;
  Built build(std::span<const store::Trace> traces);
  TraceImportCounts write(Built built);

 private:
  store::Store& store_;
  int64_t dataset_id_;
  std::vector<health::RecordValidator> validators_;
  std::unordered_set<uint64_t> seen_;
};

// Appends the traces as records of the dataset (one TraceRecordAppender batch).
TraceImportCounts add_traces_to_dataset(store::Store& store, int64_t dataset_id,
                                        std::span<const store::Trace> traces);

// Appends every trace matching the dataset's saved filter that is not yet one of its records
// (so a trace is never added twice); throws std::invalid_argument when it has no saved filter.
// One pass in seq order from where the last pull stopped (saved with the filter after each batch).
// `after_batch` (optional) sees the running counts after each committed batch; it may throw to
// stop (a cancelled job): what was committed stays, and a later pull continues from there.
TraceImportCounts pull_new_traces(store::Store& store, store::TraceStore& traces, int64_t dataset_id,
                                  const std::function<void(const TraceImportCounts&)>& after_batch = {});

}  // namespace reinforge::gateway
