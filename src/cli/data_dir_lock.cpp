#include "cli/data_dir_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>

namespace reinforge::cli {

namespace {
constexpr const char* kLockFile = "serve.lock";
}  // namespace

DataDirLock::DataDirLock(const std::filesystem::path& data_dir) {
  std::filesystem::create_directories(data_dir);
  const auto path = data_dir / kLockFile;
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0)
    throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    std::string holder;
    std::ifstream(path) >> holder;
    ::close(fd_);
    fd_ = -1;
    throw std::runtime_error(
        "another reinforge serve" + (holder.empty() ? std::string() : " (process " + holder + ")") +
        " already uses the data directory " + data_dir.string() +
        ": stop it first, or give this one its own --data-dir (several instances share a "
        "PostgreSQL store, each with its own data directory: docs/postgresql.md)");
  }
  // Who holds it, for the message above; the lock itself is what counts.
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0) {
    [[maybe_unused]] auto written = ::write(fd_, pid.data(), pid.size());
  }
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace reinforge::cli
