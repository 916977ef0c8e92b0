#pragma once
// A trainer command that Reinforge launches and supervises for an external run: `/bin/sh -c` in
// its own session and process group (so it outlives a restart of Reinforge and a cancel reaches
// its children), output appended to a log file, its exit status written to a file by a wrapper
// shell. After a restart the run re-attaches by process id and start time (a reused pid is not
// mistaken for the trainer) and reads the log from where it stopped.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace reinforge::training {

struct TrainerProcess {
  pid_t pid = 0;
  uint64_t start_ticks = 0;  // /proc/<pid>/stat's starttime
};

struct LaunchSpec {
  std::string command;
  std::filesystem::path directory;
  std::filesystem::path log_file;
  std::filesystem::path exit_file;
  std::vector<std::pair<std::string, std::string>> environment;  // added to the server's own
};

// Throws std::runtime_error when the process cannot be started.
TrainerProcess launch_trainer_process(const LaunchSpec& spec);

enum class ProcessLife { running, exited, vanished };

struct ProcessCheck {
  ProcessLife life = ProcessLife::running;
  std::optional<int> exit_code;  // when it exited normally
  std::string how;               // "exit status 1", "killed by signal 9", ...
};

ProcessCheck check_trainer_process(const TrainerProcess& process,
                                   const std::filesystem::path& exit_file);

// SIGTERM to the group, then SIGKILL when it is still there after `grace_ms`.
void stop_trainer_process(const TrainerProcess& process, int grace_ms);

// Whole lines appended to `file` after `offset` (at most `max_lines`); advances `offset` past them.
std::vector<std::string> read_new_lines(const std::filesystem::path& file, int64_t& offset,
                                        std::size_t max_lines);

// /proc/<pid>/stat's starttime, nullopt when there is no such process.
std::optional<uint64_t> process_start_ticks(pid_t pid);

}  // namespace reinforge::training
