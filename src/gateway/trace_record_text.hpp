#pragma once
// The record line a trace becomes (PRODUCT.md §3): the request's messages and tools, then the
// answer's message as the reference, with the trace id and model kept in `metadata`. Written
// straight from simdjson's reading of the stored bodies: a pull turns a million traces into
// records, and building nlohmann documents for each cost more than validating the record.
#include <optional>
#include <string>

#include "store/trace_store.hpp"

namespace reinforge::gateway {

// The record line for a trace; nullopt when the trace is not a successful chat completion
// with a response message (or a Responses / Messages call with its conversation). Success is a
// 2xx with no error: a stream cut short answered 200 too.
std::optional<std::string> record_text_from_trace(const store::Trace& trace);

}  // namespace reinforge::gateway
