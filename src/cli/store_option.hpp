#pragma once
// --data-dir and --store, as every command that opens the store reads them: the data directory
// (default "data") and the database (default SQLite in it; --store postgresql://… or the
// REINFORGE_STORE environment variable for a shared PostgreSQL store).
#include "cli/arguments.hpp"
#include "store/store_location.hpp"

namespace reinforge::cli {

// `database` as given to --store, REINFORGE_STORE or the config file's server.store: "" or
// "sqlite" for SQLite in the data directory (returned as ""), or a PostgreSQL database; a
// UsageError otherwise.
std::string checked_database(std::string database);

// --store, else REINFORGE_STORE, else `fallback`.
std::string database_option(const Arguments& arguments, const std::string& fallback = "");

store::StoreLocation store_location(const Arguments& arguments);

// The same, for commands that work on existing data: with SQLite, a data directory without
// Reinforge's database is a UsageError (a mistyped directory must not become a new, empty store).
store::StoreLocation existing_store_location(const Arguments& arguments);

}  // namespace reinforge::cli
