#pragma once
// The columns of `records` a Record is read from, in the order both backends' readers read them
// (sqlite_record_rows.hpp, postgres/pg_record_rows.hpp).
#include <string>
#include <string_view>

namespace reinforge::store {

inline constexpr const char* kRecordColumns =
    "id, dataset_id, line, origin, valid, issues_json, token_count, preview, topic, "
    "confidence, trace_id, updated_at, topic_manual";
// The column after kRecordColumns when a query selects the text too.
inline constexpr int kRecordTextColumn = 13;

// kRecordColumns, each named through `table` ("r" → "r.id, r.dataset_id, ..."), for a join.
std::string record_columns_of(std::string_view table);

}  // namespace reinforge::store
