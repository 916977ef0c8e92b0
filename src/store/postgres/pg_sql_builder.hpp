#pragma once
// Runs a SqlBuilder's query (fragments shared with SQLite, "?" placeholders) on PostgreSQL:
// each "?" becomes $1, $2... in order (SqlBuilder::numbered_sql). The fragments never hold a "?"
// of their own (no string literal with one, none of PostgreSQL's jsonb "?" operators).
#include "store/postgres/pg_connection.hpp"
#include "store/sql_builder.hpp"

namespace reinforge::store::postgres {

// Prepared once per connection, like every fixed statement.
PgResult exec(PgConnection& connection, const SqlBuilder& sql);
// Planned for its values every time (PgConnection::exec_unprepared): for lists whose best plan
// depends on them, a rare search word or a common one.
PgResult exec_planned_for_values(PgConnection& connection, const SqlBuilder& sql);

}  // namespace reinforge::store::postgres
