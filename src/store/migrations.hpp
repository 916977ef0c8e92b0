#pragma once
#include "store/sqlite_connection.hpp"

namespace reinforge::store {

// Brings the schema to the latest version (PRAGMA user_version counts applied migrations).
// Each migration runs in its own transaction; a new one is appended, never edited.
void apply_migrations(Connection& connection);

}  // namespace reinforge::store
