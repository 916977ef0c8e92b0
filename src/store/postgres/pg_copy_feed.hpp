#pragma once
// A COPY fed while its rows are still being formatted (trace and record batches): the rows are
// sent in parts of about kCopyPartBytes, so the server stores the first ones while the caller
// formats the next (two cores busy instead of one after the other). A feed destroyed before
// finish() (the caller threw halfway) abandons its COPY, so the connection can roll back and be
// used again.
#include <cstdint>

#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_copy_rows.hpp"

namespace reinforge::store::postgres {

inline constexpr std::size_t kCopyPartBytes = 256 * 1024;

class PgCopyFeed {
 public:
  PgCopyFeed(PgConnection& connection, const char* copy_sql);
  ~PgCopyFeed();
  PgCopyFeed(const PgCopyFeed&) = delete;
  PgCopyFeed& operator=(const PgCopyFeed&) = delete;

  // Where the next row is written; call row_written() after its end_row().
  PgCopyRows& rows() { return rows_; }
  void row_written();
  // Sends the rest and ends the COPY; returns the rows the server stored.
  int64_t finish();

 private:
  PgConnection& connection_;
  PgCopyRows rows_;
  bool finished_ = false;
};

}  // namespace reinforge::store::postgres
