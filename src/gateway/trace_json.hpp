#pragma once
// A trace as JSON, one shape for every reader: the API's trace list and detail
// (docs/api.md) and `reinforge traces export`.
#include <nlohmann/json.hpp>

#include "store/trace_types.hpp"

namespace reinforge::gateway {

// Its fields, usage and a preview of the first user message; no bodies (a list's row).
nlohmann::json trace_summary_json(const store::Trace& trace);
// The summary with the request, response and conversation bodies (one trace's page, an export).
nlohmann::json trace_detail_json(const store::Trace& trace);

}  // namespace reinforge::gateway
