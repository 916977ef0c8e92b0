#pragma once
// The records list (the records overlay, GET /api/datasets/:id/records) as SQL: keyset pages
// that cost the same at any depth, a text search read newest match first, and a total counted
// only up to kRecordTotalCap. A function on a connection so SqliteStore runs it under its lock.
#include <cstdint>
#include <optional>

#include "store/sqlite_connection.hpp"
#include "store/store_types.hpp"

namespace reinforge::store::record_pages {

// `known_total`: the filter's exact count when the caller has it cheaply (the dataset's cached
// aggregates); otherwise the page counts the filter up to the cap.
RecordPage list_records(Connection& connection, int64_t dataset_id, const RecordFilter& filter,
                        std::optional<int64_t> known_total);

}  // namespace reinforge::store::record_pages
