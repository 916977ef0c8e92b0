#pragma once
// The records list on PostgreSQL, as sqlite_record_pages.hpp: keyset pages that cost the same at
// any depth, a text search read newest match first, and a total counted only up to
// kRecordTotalCap.
#include <cstdint>
#include <optional>

#include "store/postgres/pg_connection.hpp"
#include "store/store_types.hpp"

namespace reinforge::store::postgres {

// `known_total`: the filter's exact count when the caller has it cheaply (the dataset's cached
// aggregates); otherwise the page counts the filter up to the cap.
RecordPage list_records(PgConnection& connection, int64_t dataset_id, const RecordFilter& filter,
                        std::optional<int64_t> known_total);

}  // namespace reinforge::store::postgres
