#include "cli/store_option.hpp"

#include <cstdlib>

namespace reinforge::cli {

std::string checked_database(std::string database) {
  if (database == "sqlite") database.clear();
  if (!database.empty() && !store::names_postgresql(database)) {
    throw UsageError("the store must be a postgresql:// URL or \"sqlite\" (got " +
                     store::without_password(database) + ")");
  }
  return database;
}

std::string database_option(const Arguments& arguments, const std::string& fallback) {
  const char* from_environment = std::getenv("REINFORGE_STORE");
  return checked_database(
      arguments.option_or("store", from_environment ? from_environment : fallback));
}

store::StoreLocation store_location(const Arguments& arguments) {
  return store::StoreLocation{arguments.option_or("data-dir", "data"), database_option(arguments)};
}

store::StoreLocation existing_store_location(const Arguments& arguments) {
  auto location = store_location(arguments);
  if (!location.is_postgresql() && !std::filesystem::exists(location.data_dir / "reinforge.db")) {
    throw UsageError("no Reinforge data in " + location.data_dir.string() + " (use --data-dir)");
  }
  return location;
}

}  // namespace reinforge::cli
