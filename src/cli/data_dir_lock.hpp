#pragma once
// One `reinforge serve` per data directory. Two would share the instance name kept there (so
// each would take the other's running jobs for its own) and, on SQLite, one store: the second
// is refused at start. The lock is the kernel's (flock), so a server killed with SIGKILL leaves
// none behind.
#include <filesystem>

namespace reinforge::cli {

class DataDirLock {
 public:
  // Throws std::runtime_error naming the server that holds the directory.
  explicit DataDirLock(const std::filesystem::path& data_dir);
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace reinforge::cli
