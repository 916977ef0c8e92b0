#pragma once
// Copies a database's write-ahead log back into the database file on a thread and connection of
// its own. Run from the commit hook, each checkpoint (the copy, then an fsync of the log and one
// of the database) held up the thread that committed: in a bulk import, the one thread the job
// waits for (bench/README.md, "Import"). A passive checkpoint does not block writers, so the
// writer goes on committing while the pages it wrote before are copied.
#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace reinforge::store {

class WalCheckpointer {
 public:
  explicit WalCheckpointer(const std::filesystem::path& db_file);
  ~WalCheckpointer();  // waits for the checkpoint in progress, starts none
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Asks for a passive checkpoint; returns at once. Requests made while one runs are served by
  // one more checkpoint after it.
  void request();
  // Returns once no checkpoint is running or asked for.
  void wait_until_idle();

 private:
  void run();

  sqlite3* db_ = nullptr;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  bool requested_ = false;
  bool running_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace reinforge::store
