#pragma once
// Gateway keys: made here (the API and `reinforge keys create` both call this), shown once,
// kept only as their SHA-256.
#include <stdexcept>
#include <string>

#include "store/trace_store.hpp"

namespace reinforge::gateway {

struct IssuedGatewayKey {
  store::GatewayKey key;
  std::string secret;  // "rk_" + 64 hex characters; not stored anywhere
};

// A name an active key already has: traces and their filters name keys, so two would read alike.
struct GatewayKeyNameTaken : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Throws std::invalid_argument when the name is empty or longer than 100 characters,
// GatewayKeyNameTaken when an active key has it.
IssuedGatewayKey issue_gateway_key(store::TraceStore& store, const std::string& name);

}  // namespace reinforge::gateway
