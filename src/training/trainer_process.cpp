#include "training/trainer_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace reinforge::training {

namespace {

// The wrapper runs the command in a child shell and leaves its exit status in a file (written
// whole, then renamed), so a run that re-attached after a restart still learns how it ended.
constexpr const char* kWrapper =
    "/bin/sh -c \"$REINFORGE_TRAINER_COMMAND\"; status=$?; "
    "echo $status > \"$REINFORGE_EXIT_FILE.tmp\" && mv \"$REINFORGE_EXIT_FILE.tmp\" "
    "\"$REINFORGE_EXIT_FILE\"; "
    "exit $status";

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "ended";
}

std::optional<int> read_exit_file(const std::filesystem::path& exit_file) {
  std::ifstream in(exit_file);
  int code = 0;
  if (in >> code) return code;
  return std::nullopt;
}

}  // namespace

std::optional<uint64_t> process_start_ticks(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return std::nullopt;
  // Fields after the command name (which may hold spaces and parentheses) start at field 3;
  // starttime is field 22.
  auto close = stat.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  for (int index = 3; index <= 22 && fields >> field; ++index) {
    if (index == 22) return std::stoull(field);
  }
  return std::nullopt;
}

TrainerProcess launch_trainer_process(const LaunchSpec& spec) {
  std::filesystem::create_directories(spec.directory);
  std::filesystem::remove(spec.exit_file);
  int log = ::open(spec.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log < 0)
    throw std::runtime_error("cannot open " + spec.log_file.string() + ": " + std::strerror(errno));
  int null_input = ::open("/dev/null", O_RDONLY | O_CLOEXEC);

  // Everything the child needs is built before fork: after it, only async-signal-safe calls.
  std::vector<std::string> environment;
  for (char** entry = environ; *entry; ++entry) {
    std::string_view text(*entry);
    bool replaced = false;
    for (const auto& [name, value] : spec.environment) {
      if (text.size() > name.size() && text.compare(0, name.size(), name) == 0 &&
          text[name.size()] == '=')
        replaced = true;
    }
    if (!replaced) environment.emplace_back(text);
  }
  for (const auto& [name, value] : spec.environment) environment.push_back(name + "=" + value);
  environment.push_back("REINFORGE_TRAINER_COMMAND=" + spec.command);
  // Absolute: the wrapper runs in the run's directory, and a data directory given as a relative
  // path (`--data-dir data`) would name a file that is not there.
  environment.push_back("REINFORGE_EXIT_FILE=" +
                        std::filesystem::absolute(spec.exit_file).string());
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::string shell = "/bin/sh", flag = "-c", script = kWrapper,
              directory = spec.directory.string();
  char* argv[] = {shell.data(), flag.data(), script.data(), nullptr};

  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log);
    if (null_input >= 0) ::close(null_input);
    throw std::runtime_error(std::string("cannot start the trainer command: ") +
                             std::strerror(errno));
  }
  if (pid == 0) {
    ::setsid();
    if (::chdir(directory.c_str()) != 0) ::_exit(126);
    if (null_input >= 0) ::dup2(null_input, 0);
    ::dup2(log, 1);
    ::dup2(log, 2);
    // Nothing else of the server's reaches the trainer: an inherited listening socket would keep
    // the server's port taken after a restart for as long as the trainer runs.
    if (::close_range(3, ~0U, 0) != 0) {
      for (int fd = 3; fd < 65536; ++fd) ::close(fd);
    }
    // The server blocks SIGINT/SIGTERM in every thread (a dedicated thread waits for them); a
    // blocked mask survives exec, so the trainer would never hear a cancel.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::execve(shell.c_str(), argv, envp.data());
    ::_exit(127);
  }
  ::close(log);
  if (null_input >= 0) ::close(null_input);
  TrainerProcess process{pid, process_start_ticks(pid).value_or(0)};
  return process;
}

ProcessCheck check_trainer_process(const TrainerProcess& process,
                                   const std::filesystem::path& exit_file) {
  ProcessCheck check;
  int status = 0;
  pid_t reaped = ::waitpid(process.pid, &status, WNOHANG);
  if (reaped == process.pid) {
    check.life = ProcessLife::exited;
    if (WIFEXITED(status)) check.exit_code = WEXITSTATUS(status);
    check.how = describe_status(status);
    return check;
  }
  if (reaped == 0) return check;  // our child, still running
  // Not our child (we restarted since it was launched): is the same process still there?
  auto ticks = process_start_ticks(process.pid);
  if (ticks && *ticks == process.start_ticks) return check;
  if (auto code = read_exit_file(exit_file)) {
    check.life = ProcessLife::exited;
    check.exit_code = code;
    check.how = "exit status " + std::to_string(*code);
    return check;
  }
  check.life = ProcessLife::vanished;
  check.how = "ended while Reinforge was not watching, without leaving an exit status";
  return check;
}

void stop_trainer_process(const TrainerProcess& process, int grace_ms) {
  auto alive = [&] {
    int status = 0;
    if (::waitpid(process.pid, &status, WNOHANG) == process.pid) return false;
    auto ticks = process_start_ticks(process.pid);
    return ticks && *ticks == process.start_ticks;
  };
  if (!alive()) return;
  ::kill(-process.pid, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(grace_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!alive()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(-process.pid, SIGKILL);
  for (int i = 0; i < 40 && alive(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
}

std::vector<std::string> read_new_lines(const std::filesystem::path& file, int64_t& offset,
                                        std::size_t max_lines) {
  std::vector<std::string> lines;
  std::ifstream in(file, std::ios::binary);
  if (!in) return lines;
  in.seekg(offset);
  std::string line;
  while (lines.size() < max_lines && std::getline(in, line)) {
    if (in.eof()) break;  // a line still being written: read it whole next time
    offset += static_cast<int64_t>(line.size()) + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace reinforge::training
