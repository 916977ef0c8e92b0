#pragma once
// Keeps the gateway's route table in step with the deployments in the store: a thread reads the
// routes version every quarter second and rebuilds the table when it moved, so a deployment made
// by the API, by `reinforge deploy` in another process or by another instance applies within a
// second. Calls read the current table with one atomic load, never waiting on the store.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "gateway/deployment_routes.hpp"
#include "store/deployment_store.hpp"

namespace reinforge::gateway {

class RouteTableWatcher {
 public:
  explicit RouteTableWatcher(std::unique_ptr<store::DeploymentStore> store);
  ~RouteTableWatcher();
  RouteTableWatcher(const RouteTableWatcher&) = delete;
  RouteTableWatcher& operator=(const RouteTableWatcher&) = delete;

  std::shared_ptr<const RouteTable> current() const { return std::atomic_load(&table_); }

 private:
  void reload_if_changed();
  void watch();

  std::unique_ptr<store::DeploymentStore> store_;
  std::shared_ptr<const RouteTable> table_;
  int64_t version_ = -1;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace reinforge::gateway
