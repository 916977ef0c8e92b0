#pragma once
#include <memory>
#include <string>

#include "store/training_store.hpp"

namespace reinforge::store::postgres {

std::unique_ptr<TrainingStore> open_pg_training_store(const std::string& conninfo);

}  // namespace reinforge::store::postgres
