#pragma once
// Step 7's routes in the gateway (PRODUCT.md §9): which model a call is served by once
// deployments are applied. The table is immutable and swapped whole when deployments change, so
// the hot path reads it without a lock or any I/O; choosing an arm is a pure function.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/deployment_types.hpp"

namespace reinforge::gateway {

struct DeploymentRoute {
  int64_t deployment_id = 0;
  std::string mode;  // replace | endpoint | ab
  std::string base_model;
  std::string tuned_model;  // what the provider is sent
  std::string provider;     // "" = the provider serving the base model
  uint32_t share_bp = 0;    // ab: tuned arm's share in basis points
};

class RouteTable {
 public:
  RouteTable() = default;
  explicit RouteTable(const std::vector<store::Deployment>& active);

  // The route that takes calls for `model`: by base model (replace, ab) or endpoint name.
  const DeploymentRoute* find(std::string_view model) const;
  // Endpoint names, for /v1/models.
  std::vector<std::string> endpoints() const;
  bool empty() const { return by_model_.empty(); }

 private:
  std::map<std::string, DeploymentRoute, std::less<>> by_model_;
};

// Where one call goes.
struct RoutedCall {
  std::string model;     // the model name to resolve (the tuned model, or the one asked for)
  std::string provider;  // the provider to send it to; "" = resolve `model` as configured
  std::optional<int64_t> deployment_id;
  std::string arm;  // "base" or "tuned" under a deployment
  bool tuned = false;
};

// Sticky A/B: the same caller (`sticky_key`) lands in the same bucket of a deployment for as
// long as its share is unchanged; buckets are spread evenly (0..9999).
uint32_t sticky_bucket(int64_t deployment_id, std::string_view sticky_key);

RoutedCall route_call(const RouteTable& table, std::string_view requested_model,
                      std::string_view sticky_key);

}  // namespace reinforge::gateway
