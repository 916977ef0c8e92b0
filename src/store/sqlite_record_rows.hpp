#pragma once
// How a row of `records` reads into a Record, from the columns of record_columns.hpp. Shared by
// SqliteStore and the record list's queries (sqlite_record_pages.hpp).
#include "store/record_columns.hpp"
#include "store/sqlite_connection.hpp"
#include "store/store_types.hpp"

namespace reinforge::store {

Record read_record(const Statement& row);

}  // namespace reinforge::store
