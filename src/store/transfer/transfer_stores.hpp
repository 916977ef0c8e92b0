#pragma once
// The two stores `reinforge migrate` is told about: each a SQLite data directory (the folder
// that holds reinforge.db) or a PostgreSQL database, as store::StoreLocation holds them.
#include <string>

#include "store/store_location.hpp"

namespace reinforge::store::transfer {

enum class Backend { sqlite, postgresql };

inline Backend backend_of(const StoreLocation& location) {
  return location.is_postgresql() ? Backend::postgresql : Backend::sqlite;
}

// postgresql:// and postgres:// URLs and "key=value ..." words are PostgreSQL; anything else is
// a data directory (write ./a=b for a directory whose name holds '=').
StoreLocation parse_store_location(const std::string& text);

// Whether both name the same database: the same file, or one PostgreSQL database however its
// connection strings are written (two different ones are asked of the server).
bool same_store(const StoreLocation& a, const StoreLocation& b);

// Opens the store with Reinforge's own openers, every store interface of it, so its schema is
// brought to this binary's version (a database newer than the binary is refused there); a
// missing store is created. `must_exist`: a data directory without reinforge.db is an error
// instead (a source, where a typo would otherwise copy an empty store).
void open_and_migrate(const StoreLocation& location, bool must_exist);

}  // namespace reinforge::store::transfer
