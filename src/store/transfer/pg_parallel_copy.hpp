#pragma once
// The COPYs of one table spread over a few connections of their own, so PostgreSQL stores rows on
// several cores at once: the server's work per row is what a copy into PostgreSQL waits on (the
// records' generated search column alone took about 150 µs a record on the 2-core machine
// measured, docs/postgresql.md "Moving between stores"). One thread drives every connection:
// each chunk is small enough to be sent without waiting for the server to read it, and a
// connection gets its next chunk once its last one is stored.
#include <memory>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.hpp"

namespace reinforge::store::transfer {

// Rows of one chunk: small enough to sit in the socket's buffers while the server is busy.
inline constexpr std::size_t kCopyChunkBytes = 128 << 10;

class ParallelCopy {
 public:
  // Up to `connections` connections, opened as they are first needed.
  ParallelCopy(std::string conninfo, std::size_t connections);

  // Sends `rows` (PgCopyRows text) to the next connection, in a transaction that lasts until
  // commit(); waits first for that connection's previous chunk.
  void send(const std::string& copy_sql, std::string rows);
  // Waits for every chunk sent and commits them: the rows sent so far are stored.
  void commit();

 private:
  struct Lane {
    std::unique_ptr<postgres::PgConnection> connection;
    bool in_transaction = false;
    bool copying = false;
  };

  std::string conninfo_;
  std::vector<Lane> lanes_;
  std::size_t next_ = 0;
};

}  // namespace reinforge::store::transfer
