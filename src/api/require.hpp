#pragma once
#include "api/app_context.hpp"

namespace reinforge::api {

// The dataset, or a 404 that names it.
store::Dataset require_dataset(AppContext& context, int64_t id);

}  // namespace reinforge::api
