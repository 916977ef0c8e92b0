#include "support/server_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <regex>
#include <stdexcept>
#include <thread>

#include "support/temp_dir.hpp"

namespace reinforge::testing {

std::filesystem::path reinforge_binary() {
  const char* binary = std::getenv("REINFORGE_BINARY");
  if (!binary) throw std::runtime_error("REINFORGE_BINARY is not set (run the tests with ctest)");
  return binary;
}

ServerProcess::ServerProcess(const std::filesystem::path& data_dir, const std::string& admin_token,
                             std::vector<std::string> extra_args) {
  std::filesystem::create_directories(data_dir);
  log_file_ = data_dir / "server.log";
  // A restart on the same data directory appends; only what this process prints counts.
  std::error_code no_file;
  auto log_start = std::filesystem::file_size(log_file_, no_file);
  if (no_file) log_start = 0;
  std::vector<std::string> args = {reinforge_binary().string(), "serve", "--host", "127.0.0.1",
                                   "--port", "0", "--data-dir", data_dir.string()};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int log = open(log_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(log, 1);
    dup2(log, 2);
    setenv("REINFORGE_ADMIN_TOKEN", admin_token.c_str(), 1);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  static const std::regex listening(R"(running at (https?)://127\.0\.0\.1:(\d+))");
  for (int i = 0; i < 600; ++i) {
    std::smatch match;
    std::string log = output();
    log = log.size() > log_start ? log.substr(log_start) : "";
    if (std::regex_search(log, match, listening)) {
      scheme_ = match[1];
      port_ = std::stoi(match[2]);
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("reinforge serve exited before listening:\n" + log);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("reinforge serve did not start in 30 s:\n" + output());
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop();
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 300; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill_hard();
  return -1;
}

std::string ServerProcess::output() const { return read_file(log_file_); }

}  // namespace reinforge::testing
