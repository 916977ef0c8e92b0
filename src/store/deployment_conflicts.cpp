#include "store/deployment_conflicts.hpp"

namespace reinforge::store {

const std::string& answered_name(const Deployment& deployment) {
  return deployment.mode == "endpoint" ? deployment.endpoint : deployment.base_model;
}

std::optional<std::string> deployment_conflict(const Deployment& other, const Deployment& wanted) {
  const std::string name = "Deployment " + std::to_string(other.id);
  if (answered_name(other) == answered_name(wanted)) {
    if (other.mode == "endpoint")
      return name + " already answers to '" + other.endpoint +
             "'; roll it back or choose another name.";
    return name + " already routes " + other.base_model +
           (other.mode == "ab" ? "; roll it back or promote it first." : "; roll it back first.");
  }
  if (wanted.mode == "endpoint" && wanted.endpoint == other.base_model)
    return "'" + wanted.endpoint + "' is the base model of deployment " + std::to_string(other.id) +
           ", which its callers still reach; an endpoint needs a name of its own.";
  return std::nullopt;
}

}  // namespace reinforge::store
