#pragma once
// Deployments in the store, and the routes version the gateway watches: every change bumps it
// in the same transaction, so a gateway (this process, `reinforge deploy` in another, or another
// instance) rebuilds its route table within its polling interval.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "store/deployment_types.hpp"
#include "store/store.hpp"

namespace reinforge::store {

class DeploymentStore {
 public:
  virtual ~DeploymentStore() = default;

  // Throws ConflictError when an active deployment already takes `base_model`, or (endpoint
  // mode) another active one already answers to `endpoint`.
  virtual Deployment create_deployment(const Deployment& deployment) = 0;
  virtual std::optional<Deployment> find_deployment(int64_t id) = 0;
  virtual std::vector<Deployment> list_deployments(bool active_only) = 0;  // newest first
  // Read-modify-write in one transaction, bumping the routes version.
  virtual std::optional<Deployment> modify_deployment(
      int64_t id, const std::function<void(Deployment&)>& change) = 0;
  virtual int64_t routes_version() = 0;
};

std::unique_ptr<DeploymentStore> open_sqlite_deployment_store(
    const std::filesystem::path& data_dir);

}  // namespace reinforge::store
