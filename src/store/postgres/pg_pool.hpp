#pragma once
// A few connections shared by a store's callers (the server's handler threads, the gateway's IO
// threads): each call leases one for its statements and gives it back. Connections open on
// demand up to the limit; one that broke, or that the server closed while it was idle, is dropped
// and reopened by the next lease.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.hpp"

namespace reinforge::store::postgres {

class PgPool {
 public:
  // `session_sql`, when given, runs once on every connection the pool opens (SET ... for the
  // session).
  PgPool(std::string conninfo, std::size_t max_connections, std::string session_sql = "");

  class Lease {
   public:
    Lease(PgPool& pool, std::unique_ptr<PgConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ~Lease() { pool_.give_back(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    PgConnection& operator*() { return *connection_; }
    PgConnection* operator->() { return connection_.get(); }

   private:
    PgPool& pool_;
    std::unique_ptr<PgConnection> connection_;
  };

  // Waits for a free connection when all are leased.
  Lease lease();
  const std::string& conninfo() const { return conninfo_; }

 private:
  void give_back(std::unique_ptr<PgConnection> connection);

  std::string conninfo_;
  std::size_t max_connections_;
  std::string session_sql_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  std::size_t open_ = 0;
};

}  // namespace reinforge::store::postgres
