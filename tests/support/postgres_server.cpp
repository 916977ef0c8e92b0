#include "support/postgres_server.hpp"

#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace reinforge::testing {

namespace {

// Debian installs each major version under /usr/lib/postgresql/<version>/bin; the newest wins.
std::filesystem::path find_bin_dir() {
  std::filesystem::path best;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", error)) {
    auto bin = entry.path() / "bin";
    if (std::filesystem::exists(bin / "initdb") && (best.empty() || bin > best)) best = bin;
  }
  if (best.empty()) {
    throw std::runtime_error("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run scripts/setup.sh");
  }
  return best;
}

void run(const std::string& command, const std::string& what) {
  if (std::system(command.c_str()) != 0) throw std::runtime_error("cannot " + what + ": " + command);
}

}  // namespace

PostgresServer::PostgresServer() : bin_(find_bin_dir()) {
  char pattern[] = "/tmp/reinforge-pg-XXXXXX";
  if (!::mkdtemp(pattern)) throw std::runtime_error("cannot make a folder for PostgreSQL");
  folder_ = pattern;
  if (::geteuid() == 0) {
    run("chown nobody:nogroup " + folder_.string(), "hand the folder to nobody");
    run_as_ = "runuser -u nobody -- ";
  }
  const std::string data = (folder_ / "data").string();
  run(run_as_ + (bin_ / "initdb").string() + " -D " + data +
          " -A trust -U reinforge -E UTF8 --no-sync >" + (folder_ / "initdb.log").string() + " 2>&1",
      "initialise a PostgreSQL data folder");
  start();
}

void PostgresServer::start() {
  // Unix socket only (no TCP port to collide with), durability off: a test's data is thrown away.
  run(run_as_ + (bin_ / "pg_ctl").string() + " -D " + (folder_ / "data").string() + " -l " +
          (folder_ / "server.log").string() + " -w -o \"-k " + folder_.string() +
          " -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start >/dev/null",
      "start PostgreSQL");
}

void PostgresServer::stop() {
  if (!owned_) throw std::logic_error("the shared test server is not this test's to stop");
  run(run_as_ + (bin_ / "pg_ctl").string() + " -D " + (folder_ / "data").string() +
          " -m fast -w stop >/dev/null",
      "stop PostgreSQL");
}

PostgresServer::PostgresServer(std::filesystem::path folder)
    : folder_(std::move(folder)), bin_(find_bin_dir()), owned_(false) {}

PostgresServer::~PostgresServer() {
  if (!owned_) return;
  std::system((run_as_ + (bin_ / "pg_ctl").string() + " -D " + (folder_ / "data").string() +
               " -m immediate stop >/dev/null 2>&1")
                  .c_str());
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

std::string PostgresServer::create_database() {
  // Unique across the processes that share one server.
  std::string name = "test_" + std::to_string(::getpid()) + "_" + std::to_string(++databases_);
  run((bin_ / "createdb").string() + " -h " + folder_.string() + " -U reinforge " + name, "create a database");
  return "host=" + folder_.string() + " user=reinforge dbname=" + name;
}

PostgresServer& shared_postgres_server() {
  static auto server = [] {
    const char* folder = std::getenv("REINFORGE_TEST_POSTGRES");
    if (folder && *folder && std::filesystem::exists(std::filesystem::path(folder) / "data" / "postmaster.pid")) {
      return std::make_unique<PostgresServer>(std::filesystem::path(folder));
    }
    return std::make_unique<PostgresServer>();
  }();
  return *server;
}

}  // namespace reinforge::testing
