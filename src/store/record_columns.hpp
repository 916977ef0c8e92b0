#pragma once
// The columns of `records` a Record is read from, in the order both backends' readers read them
// (sqlite_record_rows.hpp, postgres/pg_record_rows.hpp).
#include <string>
#include <string_view>

#include "store/sql_builder.hpp"
#include "store/store_types.hpp"

namespace reinforge::store {

inline constexpr const char* kRecordColumns =
    "id, dataset_id, line, origin, valid, issues_json, token_count, preview, topic, "
    "confidence, trace_id, updated_at, topic_manual";
// The column after kRecordColumns when a query selects the text too.
inline constexpr int kRecordTextColumn = 13;

// kRecordColumns, each named through `table` ("r" → "r.id, r.dataset_id, ..."), for a join.
std::string record_columns_of(std::string_view table);

// " AND ..." for the filter's validity, origin, topic and confidence on `records AS r`, the same
// SQL on both backends (a boolean compared with a bound 1 or 0 reads alike in both).
void add_record_filters(SqlBuilder& sql, const RecordFilter& filter);

}  // namespace reinforge::store
