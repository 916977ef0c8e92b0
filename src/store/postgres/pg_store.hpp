#pragma once
#include <memory>
#include <string>

#include "store/store.hpp"

namespace reinforge::store::postgres {

// Connects to the database `conninfo` names (a postgresql:// URL or "key=value" words) and applies
// pending migrations. Several instances may share the database.
std::unique_ptr<Store> open_pg_store(const std::string& conninfo);

}  // namespace reinforge::store::postgres
