#pragma once
// Starts `reinforge serve` (the real binary, $REINFORGE_BINARY) on a free port with its own
// data directory, waits until it listens, and stops it when destroyed.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace reinforge::testing {

class ServerProcess {
 public:
  ServerProcess(const std::filesystem::path& data_dir, const std::string& admin_token,
                std::vector<std::string> extra_args = {});
  ~ServerProcess();

  // "https://..." when started with --tls-cert and --tls-key.
  std::string base_url() const { return scheme_ + "://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // SIGKILL, for crash tests; the destructor then does nothing.
  void kill_hard();
  // SIGTERM and wait; returns the exit status.
  int stop();
  // Everything the server printed so far (stdout and stderr).
  std::string output() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string scheme_ = "http";
  std::filesystem::path log_file_;
};

std::filesystem::path reinforge_binary();

}  // namespace reinforge::testing
