#pragma once
// Where an instance keeps its state. The data directory always: uploads, training work folders,
// the admin token file, this instance's name. The database: SQLite in the data directory by
// default, or a PostgreSQL server that several instances share (docs/postgresql.md).
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/access_store.hpp"
#include "store/deployment_store.hpp"
#include "store/store.hpp"
#include "store/trace_store.hpp"
#include "store/training_store.hpp"

namespace reinforge::store {

struct StoreLocation {
  std::filesystem::path data_dir = "data";
  // Empty: SQLite in data_dir. Otherwise a postgresql:// (or postgres://) URL, or libpq's
  // key=value words.
  std::string database;

  bool is_postgresql() const { return !database.empty(); }
  // For messages and logs: the database without its password.
  std::string describe() const;
};

// True for what `--store` accepts as a PostgreSQL database.
bool names_postgresql(std::string_view database);
// `database` with any password replaced by "***" (URL user info or a password=... word).
std::string without_password(std::string_view database);

// The database could not be reached or opened; its message names the database (never its
// password) and libpq's reason.
struct StoreUnreachable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Each opens its store at `location`, creating and migrating it when needed. A PostgreSQL
// store that cannot be reached throws StoreUnreachable.
std::unique_ptr<Store> open_store(const StoreLocation& location);
std::unique_ptr<TraceStore> open_trace_store(const StoreLocation& location);
std::unique_ptr<TrainingStore> open_training_store(const StoreLocation& location);
std::unique_ptr<DeploymentStore> open_deployment_store(const StoreLocation& location);
std::unique_ptr<AccessStore> open_access_store(const StoreLocation& location);

}  // namespace reinforge::store
