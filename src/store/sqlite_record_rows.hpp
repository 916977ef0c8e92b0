#pragma once
// How a row of `records` reads into a Record: the columns to select, in the order read_record
// reads them. Shared by SqliteStore and the record list's queries (sqlite_record_pages.hpp).
#include <string>
#include <string_view>

#include "store/sqlite_connection.hpp"
#include "store/store_types.hpp"

namespace reinforge::store {

inline constexpr const char* kRecordColumns =
    "id, dataset_id, line, origin, valid, issues_json, token_count, preview, topic, "
    "confidence, trace_id, updated_at, topic_manual";

// kRecordColumns, each named through `table` ("r" → "r.id, r.dataset_id, ..."), for a join.
std::string record_columns_of(std::string_view table);

Record read_record(const Statement& row);

}  // namespace reinforge::store
