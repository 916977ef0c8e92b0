#pragma once
// Datasets made from traces (PRODUCT.md §3): each successful chat trace becomes a record —
// the request's messages and tools, then the response message as the reference answer —
// with origin "trace" and the trace id kept, validated at once like any other record.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "store/trace_store.hpp"

namespace reinforge::gateway {

// The record line for a trace; nullopt when the trace is not a successful chat completion
// with a response message.
std::optional<std::string> record_text_from_trace(const store::Trace& trace);

struct TraceImportCounts {
  int64_t added = 0;
  int64_t invalid = 0;   // added, but failing validation
  int64_t skipped = 0;   // not a successful chat completion
};

// Appends the traces as records of the dataset, in batches.
TraceImportCounts add_traces_to_dataset(store::Store& store, int64_t dataset_id,
                                        std::span<const store::Trace> traces);

// Appends every trace matching the dataset's saved filter that is not yet one of its records
// (so a trace is never added twice); throws std::invalid_argument when it has no saved filter.
// `after_batch` (optional) sees the running counts after each committed batch; it may throw to
// stop (a cancelled job): what was committed stays, and a later pull continues from there.
TraceImportCounts pull_new_traces(store::Store& store, store::TraceStore& traces, int64_t dataset_id,
                                  const std::function<void(const TraceImportCounts&)>& after_batch = {});

}  // namespace reinforge::gateway
