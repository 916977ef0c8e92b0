#pragma once
#include <cstdint>
#include <functional>
#include <string_view>

#include "store/store.hpp"

namespace reinforge::records {

// Writes the dataset's records as JSONL, in import order, to `sink` in chunks of about
// 64 KB. A record that was never edited comes out byte for byte as it was imported.
// `sink` returns false to stop (the client went away). Returns the records written.
int64_t export_jsonl(store::Store& store, int64_t dataset_id, bool valid_only,
                     const std::function<bool(std::string_view chunk)>& sink);

}  // namespace reinforge::records
