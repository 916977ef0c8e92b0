#include "gateway/gateway_keys.hpp"

#include "util/secure_token.hpp"

namespace reinforge::gateway {

IssuedGatewayKey issue_gateway_key(store::TraceStore& store, const std::string& name) {
  auto first = name.find_first_not_of(" \t\n");
  auto last = name.find_last_not_of(" \t\n");
  std::string trimmed = first == std::string::npos ? "" : name.substr(first, last - first + 1);
  if (trimmed.empty() || trimmed.size() > 100) {
    throw std::invalid_argument("A gateway key needs a name of 1 to 100 characters.");
  }
  for (const auto& key : store.list_gateway_keys()) {
    if (key.name == trimmed && !key.revoked_at)
      throw GatewayKeyNameTaken("An active key is already named '" + trimmed +
                                "'; give this one another name, so traces tell them apart.");
  }
  IssuedGatewayKey issued;
  issued.secret = util::generate_secret("rk_");
  // Enough to tell keys apart in a list, far too little to guess the rest.
  std::string prefix = issued.secret.substr(0, 10);
  issued.key = store.create_gateway_key(trimmed, prefix, util::sha256_hex(issued.secret));
  return issued;
}

}  // namespace reinforge::gateway
