#include "store/transfer/transfer_stores.hpp"

#include <stdexcept>

namespace reinforge::store::transfer {

namespace {
constexpr const char* kDatabaseFile = "reinforge.db";
}  // namespace

StoreLocation parse_store_location(const std::string& text) {
  if (text.empty()) throw std::invalid_argument("a store location is empty");
  if (names_postgresql(text)) return StoreLocation{"", text};
  return StoreLocation{text, ""};
}

bool same_store(const StoreLocation& a, const StoreLocation& b) {
  if (a.is_postgresql() != b.is_postgresql()) return false;
  if (a.is_postgresql()) return a.database == b.database;
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
