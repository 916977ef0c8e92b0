#include "store/postgres/pg_pool.hpp"

namespace reinforge::store::postgres {

PgPool::PgPool(std::string conninfo, std::size_t max_connections, std::string session_sql)
    : conninfo_(std::move(conninfo)),
      max_connections_(std::max<std::size_t>(1, max_connections)),
      session_sql_(std::move(session_sql)) {}

PgPool::Lease PgPool::lease() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [&] { return !idle_.empty() || open_ < max_connections_; });
  while (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    if (connection->reusable()) return Lease(*this, std::move(connection));
    --open_;  // the server closed it (a restart): the caller gets a new one, not its error
  }
  ++open_;
  lock.unlock();
  try {
    auto connection = std::make_unique<PgConnection>(conninfo_);
    if (!session_sql_.empty()) connection->execute_script(session_sql_.c_str());
    return Lease(*this, std::move(connection));
  } catch (...) {
    lock.lock();
    --open_;
    freed_.notify_one();
    throw;
  }
}

void PgPool::give_back(std::unique_ptr<PgConnection> connection) {
  std::lock_guard lock(mutex_);
  if (connection && connection->reusable()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  freed_.notify_one();
}

}  // namespace reinforge::store::postgres
