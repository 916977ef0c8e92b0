#include "gateway/route_table_watcher.hpp"

#include <iostream>

#include "util/thread_name.hpp"

namespace reinforge::gateway {

namespace {
constexpr auto kPollInterval = std::chrono::milliseconds(250);
}

RouteTableWatcher::RouteTableWatcher(std::unique_ptr<store::DeploymentStore> store)
    : store_(std::move(store)), table_(std::make_shared<const RouteTable>()) {
  reload_if_changed();  // the routes are in force from the first call after a start
  thread_ = std::thread([this] {
    util::name_this_thread("route-watch");
    watch();
  });
}

RouteTableWatcher::~RouteTableWatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void RouteTableWatcher::reload_if_changed() {
  int64_t version = store_->routes_version();
  if (version == version_) return;
  auto table = std::make_shared<const RouteTable>(store_->list_deployments(true));
  std::atomic_store(&table_, std::shared_ptr<const RouteTable>(std::move(table)));
  version_ = version;
}

void RouteTableWatcher::watch() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, kPollInterval, [this] { return stopping_; })) {
    lock.unlock();
    try {
      reload_if_changed();
    } catch (const std::exception& error) {
      // The table in force stays; the next poll tries again.
      std::cerr << "reinforge: could not read the deployments: " << error.what() << "\n";
    }
    lock.lock();
  }
}

}  // namespace reinforge::gateway
