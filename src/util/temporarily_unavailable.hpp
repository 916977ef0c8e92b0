#pragma once
// Thrown when something the call depends on cannot be reached now (the shared PostgreSQL store
// restarting or unreachable) and the same call may succeed later: the API answers 503 with
// Retry-After rather than 500, and the trace writer keeps its batch and tries again.
#include <stdexcept>

namespace reinforge::util {

struct TemporarilyUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What a caller is told meanwhile (the API's 503 and the gateway's).
inline constexpr const char* kStoreUnavailableMessage =
    "The database is not reachable right now; try again shortly.";

}  // namespace reinforge::util
