#pragma once
// The PostgreSQL schema, one numbered script per version like the SQLite store's
// (store/migrations.cpp), applied under an advisory lock so two instances starting together
// apply each script once; a database newer than this binary is refused.
#include "store/postgres/pg_connection.hpp"

namespace reinforge::store::postgres {

// Throws std::runtime_error for a schema newer than this version knows.
void apply_pg_migrations(PgConnection& connection);
int64_t latest_pg_schema_version();

}  // namespace reinforge::store::postgres
