#include "store/transfer/transfer_stores.hpp"

#include <random>
#include <stdexcept>

#include "store/postgres/pg_connection.hpp"

namespace reinforge::store::transfer {

namespace {
constexpr const char* kDatabaseFile = "reinforge.db";
}  // namespace

StoreLocation parse_store_location(const std::string& text) {
  if (text.empty()) throw std::invalid_argument("a store location is empty");
  if (names_postgresql(text)) return StoreLocation{"", text};
  return StoreLocation{text, ""};
}

// Whether two connection strings reach one database, however each is written (a URL and
// key=value, a socket and localhost...): an advisory lock is per database, so a random one held
// through `a` cannot be taken through `b` when they are the same.
bool same_postgresql_database(const std::string& a, const std::string& b) {
  std::random_device random;
  const int64_t key = (static_cast<int64_t>(random()) << 31) ^ static_cast<int64_t>(random());
  postgres::PgConnection first(a);
  postgres::PgConnection second(b);
  first.exec("SELECT pg_advisory_lock($1)", {postgres::PgValue(key)});
  bool taken = second
                   .exec("SELECT pg_try_advisory_lock($1)",
                         {postgres::PgValue(key)})
                   .text_at(0, 0) == "t";
  return !taken;  // the connections close, and their locks go with them
}

bool same_store(const StoreLocation& a, const StoreLocation& b) {
  if (a.is_postgresql() != b.is_postgresql()) return false;
  if (a.is_postgresql()) return a.database == b.database || same_postgresql_database(a.database, b.database);
  auto file = [](const StoreLocation& location) {
    std::error_code error;
    auto path = std::filesystem::absolute(location.data_dir / kDatabaseFile, error);
    return std::filesystem::weakly_canonical(path, error).lexically_normal();
  };
  return file(a) == file(b);
}

void open_and_migrate(const StoreLocation& location, bool must_exist) {
  if (!location.is_postgresql() && must_exist &&
      !std::filesystem::exists(location.data_dir / kDatabaseFile)) {
    throw std::runtime_error("no Reinforge store in " + location.data_dir.string() + " (no " +
                             kDatabaseFile + " there): give the data directory the server uses");
  }
  open_store(location);
  open_trace_store(location);
  open_training_store(location);
  open_deployment_store(location);
  open_access_store(location);
}

}  // namespace reinforge::store::transfer
