#include "store/store_location.hpp"

#include <regex>

#include "store/postgres/pg_access_store.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_deployment_store.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/postgres/pg_trace_store.hpp"
#include "store/postgres/pg_training_store.hpp"

namespace reinforge::store {

namespace {

template <typename Opened, typename OpenSqlite, typename OpenPostgresql>
Opened open_at(const StoreLocation& location, OpenSqlite open_sqlite,
               OpenPostgresql open_postgresql) {
  if (!location.is_postgresql()) return open_sqlite(location.data_dir);
  try {
    return open_postgresql(location.database);
  } catch (const postgres::PgUnavailable& error) {
    // Other errors (a schema newer than this binary, a missing permission) say so themselves.
    throw StoreUnreachable("cannot open the PostgreSQL store " + location.describe() + ": " +
                           without_password(error.what()));
  }
}

}  // namespace

bool names_postgresql(std::string_view database) {
  if (database.starts_with("postgresql://") || database.starts_with("postgres://")) return true;
  // libpq's key=value words start with a keyword and '=' ("./a=b" is a folder).
  static const std::regex keyword(R"(^\s*[A-Za-z_]+\s*=)");
  return std::regex_search(database.begin(), database.end(), keyword);
}

std::string without_password(std::string_view database) {
  std::string text(database);
  // postgresql://user:secret@host → postgresql://user:***@host
  static const std::regex url_password(R"((postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@)");
  text = std::regex_replace(text, url_password, "$1***@");
  // password=secret or password='se cret' (libpq's key=value words, also as a URL parameter)
  static const std::regex word_password(R"((password\s*=\s*)('([^'\\]|\\.)*'|[^\s&]*))",
                                        std::regex::icase);
  return std::regex_replace(text, word_password, "$1***");
}

std::string StoreLocation::describe() const {
  if (!is_postgresql()) return (data_dir / "reinforge.db").string() + " (SQLite)";
  return without_password(database);
}

std::unique_ptr<Store> open_store(const StoreLocation& location) {
  return open_at<std::unique_ptr<Store>>(location, open_sqlite_store, postgres::open_pg_store);
}

std::unique_ptr<TraceStore> open_trace_store(const StoreLocation& location) {
  return open_at<std::unique_ptr<TraceStore>>(location, open_sqlite_trace_store,
                                              postgres::open_pg_trace_store);
}

std::unique_ptr<TrainingStore> open_training_store(const StoreLocation& location) {
  return open_at<std::unique_ptr<TrainingStore>>(location, open_sqlite_training_store,
                                                 postgres::open_pg_training_store);
}

std::unique_ptr<DeploymentStore> open_deployment_store(const StoreLocation& location) {
  return open_at<std::unique_ptr<DeploymentStore>>(location, open_sqlite_deployment_store,
                                                   postgres::open_pg_deployment_store);
}

std::unique_ptr<AccessStore> open_access_store(const StoreLocation& location) {
  return open_at<std::unique_ptr<AccessStore>>(location, open_sqlite_access_store,
                                               postgres::open_pg_access_store);
}

}  // namespace reinforge::store
