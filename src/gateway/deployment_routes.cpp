#include "gateway/deployment_routes.hpp"

namespace reinforge::gateway {

RouteTable::RouteTable(const std::vector<store::Deployment>& active) {
  for (const auto& deployment : active) {
    if (deployment.state != "active") continue;
    DeploymentRoute route{deployment.id,         deployment.mode,
                          deployment.base_model, deployment.tuned_model,
                          deployment.provider,   static_cast<uint32_t>(deployment.share_bp)};
    by_model_[deployment.mode == "endpoint" ? deployment.endpoint : deployment.base_model] = route;
  }
}

const DeploymentRoute* RouteTable::find(std::string_view model) const {
  auto found = by_model_.find(model);
  return found == by_model_.end() ? nullptr : &found->second;
}

std::vector<std::string> RouteTable::endpoints() const {
  std::vector<std::string> names;
  for (const auto& [name, route] : by_model_) {
    if (route.mode == "endpoint") names.push_back(name);
  }
  return names;
}

uint32_t sticky_bucket(int64_t deployment_id, std::string_view sticky_key) {
  // FNV-1a over the key, seeded by the deployment, then splitmix64's finalizer: stable across
  // processes and versions (unlike std::hash), and a new deployment reshuffles its callers.
  uint64_t hash =
      0xcbf29ce484222325ULL ^ static_cast<uint64_t>(deployment_id) * 0x9e3779b97f4a7c15ULL;
  for (unsigned char c : sticky_key) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9ULL;
  hash = (hash ^ (hash >> 27)) * 0x94d049bb133111ebULL;
  hash ^= hash >> 31;
  return static_cast<uint32_t>(hash % 10000);
}

RoutedCall route_call(const RouteTable& table, std::string_view requested_model,
                      std::string_view sticky_key) {
  RoutedCall call{std::string(requested_model), "", std::nullopt, "", false};
  const DeploymentRoute* route = table.find(requested_model);
  if (!route) return call;
  call.deployment_id = route->deployment_id;
  bool tuned =
      route->mode != "ab" || sticky_bucket(route->deployment_id, sticky_key) < route->share_bp;
  call.tuned = tuned;
  call.arm = tuned ? "tuned" : "base";
  if (tuned) {
    call.model = route->tuned_model;
    call.provider = route->provider;
  } else {
    call.model = route->base_model;
  }
  return call;
}

}  // namespace reinforge::gateway
