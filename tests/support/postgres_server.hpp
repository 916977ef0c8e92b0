#pragma once
// A throwaway PostgreSQL server for the store tests (docs/postgresql.md): initdb in a temporary
// folder, listening only on a Unix socket there, as `nobody` when the tests run as root
// (PostgreSQL refuses to run as root), stopped and removed at the end. Needs Debian's
// postgresql package (scripts/setup.sh installs it); nothing else is assumed to run.
#include <filesystem>
#include <string>

namespace reinforge::testing {

class PostgresServer {
 public:
  PostgresServer();  // throws std::runtime_error with the reason when it cannot start
  // The server already running with its socket in `folder` (ctest's fixture): used, not stopped.
  explicit PostgresServer(std::filesystem::path folder);
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // A new empty database on the server; returns its libpq connection string.
  std::string create_database();
  // A server this process started (not the shared one): stopped (clients' connections end) and
  // started again on the same data, for tests of a database that goes away.
  void stop();
  void start();

 private:
  std::filesystem::path folder_;
  std::filesystem::path bin_;
  std::string run_as_;  // "runuser -u nobody -- " when root, else empty
  bool owned_ = true;
  int databases_ = 0;
};

// The server of ctest's `postgres` fixture when $REINFORGE_TEST_POSTGRES names its folder (one
// server for every test process of a run: initdb costs a second or more); otherwise one started
// by this process on first use and stopped at exit.
PostgresServer& shared_postgres_server();

}  // namespace reinforge::testing
