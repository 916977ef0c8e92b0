#pragma once
// The nearest dataset row of a query, as the baselines report it.
#include <cstdint>

namespace reinforge::bench {

struct Nearest {
  int64_t id = -1;
  float similarity = -2;
};

}  // namespace reinforge::bench
