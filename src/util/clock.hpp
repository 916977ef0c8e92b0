#pragma once
#include <cstdint>
#include <string>

namespace reinforge::util {

// Seconds since the Unix epoch, UTC.
int64_t now_unix_seconds();
int64_t now_unix_millis();
// RFC 3339 UTC, second precision: "2026-11-24T22:15:03Z".
std::string format_rfc3339(int64_t unix_seconds);

}  // namespace reinforge::util
