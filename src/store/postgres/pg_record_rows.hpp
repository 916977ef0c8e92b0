#pragma once
// How a row of `records` reads into a Record on PostgreSQL (the columns of record_columns.hpp),
// and how a query assembled with SqlBuilder runs there. Shared by PgStore and the record list's
// queries (pg_record_pages.hpp).
#include "store/postgres/pg_connection.hpp"
#include "store/record_columns.hpp"
#include "store/sql_builder.hpp"
#include "store/store_types.hpp"

namespace reinforge::store::postgres {

Record read_record(const PgResult& rows, int row);
// The same, with the text from the column after kRecordColumns.
Record read_record_with_text(const PgResult& rows, int row);

}  // namespace reinforge::store::postgres
