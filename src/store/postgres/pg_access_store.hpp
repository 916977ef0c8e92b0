#pragma once
#include <memory>
#include <string>

#include "store/access_store.hpp"

namespace reinforge::store::postgres {

std::unique_ptr<AccessStore> open_pg_access_store(const std::string& conninfo);

}  // namespace reinforge::store::postgres
