#include "store/transfer/pg_parallel_copy.hpp"

namespace reinforge::store::transfer {

ParallelCopy::ParallelCopy(std::string conninfo, std::size_t connections)
    : conninfo_(std::move(conninfo)), lanes_(std::max<std::size_t>(connections, 1)) {}

void ParallelCopy::send(const std::string& copy_sql, std::string rows) {
  auto& lane = lanes_[next_];
  next_ = (next_ + 1) % lanes_.size();
  if (!lane.connection) lane.connection = std::make_unique<postgres::PgConnection>(conninfo_);
  if (lane.copying) {
    lane.copying = false;
    lane.connection->finish_copy();
  }
  if (!lane.in_transaction) {
    lane.connection->execute_script("BEGIN");
    lane.in_transaction = true;
  }
  lane.connection->start_copy(copy_sql.c_str(), rows);
  lane.copying = true;
}

void ParallelCopy::commit() {
  for (auto& lane : lanes_) {
    if (lane.copying) {
      lane.copying = false;
      lane.connection->finish_copy();
    }
  }
  for (auto& lane : lanes_) {
    if (!lane.in_transaction) continue;
    lane.connection->execute_script("COMMIT");
    lane.in_transaction = false;
  }
  next_ = 0;
}

}  // namespace reinforge::store::transfer
