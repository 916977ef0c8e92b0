#pragma once
#include <memory>
#include <string>

#include "store/deployment_store.hpp"

namespace reinforge::store::postgres {

std::unique_ptr<DeploymentStore> open_pg_deployment_store(const std::string& conninfo);

}  // namespace reinforge::store::postgres
