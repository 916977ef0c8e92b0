#include "store/postgres/pg_copy_feed.hpp"

namespace reinforge::store::postgres {

PgCopyFeed::PgCopyFeed(PgConnection& connection, const char* copy_sql) : connection_(connection) {
  connection_.open_copy(copy_sql);
}

PgCopyFeed::~PgCopyFeed() {
  if (!finished_) connection_.abandon_copy();
}

void PgCopyFeed::row_written() {
  if (rows_.data().size() < kCopyPartBytes) return;
  connection_.send_copy(rows_.data());
  rows_.clear();
}

int64_t PgCopyFeed::finish() {
  connection_.send_copy(rows_.data());
  rows_.clear();
  finished_ = true;
  return connection_.finish_copy();
}

}  // namespace reinforge::store::postgres
