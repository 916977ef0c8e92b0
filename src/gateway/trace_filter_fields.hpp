#pragma once
// A trace filter as people write it: the query string of GET /api/traces, or the "filter"
// object saved with a dataset made from traces. Keys: from, to (Unix milliseconds or RFC 3339
// like "2026-11-24T10:00:00Z"), model, provider, status ("ok", "error" or a code), key (a
// gateway key id), tag, q (text search).
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

#include "store/trace_types.hpp"

namespace reinforge::gateway {

// A time as these fields take it: Unix milliseconds, or an RFC 3339 UTC time (a date alone means
// its midnight). Throws std::invalid_argument naming `name` when it is neither.
int64_t parse_trace_time_ms(const std::string& name, const std::string& text);

// Throws std::invalid_argument naming the field that is wrong; unknown keys are ignored.
store::TraceFilter trace_filter_from_fields(const std::map<std::string, std::string>& fields);
// The fields back, for saving (only the set ones; offset and limit are not part of it).
std::map<std::string, std::string> trace_filter_to_fields(const store::TraceFilter& filter);

}  // namespace reinforge::gateway
