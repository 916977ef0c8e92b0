#include "store/sqlite_wal_checkpointer.hpp"

#include <stdexcept>
#include <string>

#include "util/thread_name.hpp"

namespace reinforge::store {

WalCheckpointer::WalCheckpointer(const std::filesystem::path& db_file) {
  if (sqlite3_open_v2(db_file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot open the database " + db_file.string() + ": " + message);
  }
  // A checkpoint syncs as its connection's setting says: the same as the writer's.
  sqlite3_exec(db_, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
  thread_ = std::thread([this] {
    util::name_this_thread("wal-checkpoint");
    run();
  });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close(db_);
}

void WalCheckpointer::request() {
  {
    std::lock_guard lock(mutex_);
    requested_ = true;
  }
  wake_.notify_one();
}

void WalCheckpointer::wait_until_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return (!requested_ && !running_) || stopping_; });
}

void WalCheckpointer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return requested_ || stopping_; });
    if (stopping_) break;
    requested_ = false;
    running_ = true;
    lock.unlock();
    // SQLITE_BUSY (another connection's checkpoint running) leaves the pages to the next one.
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    running_ = false;
    if (!requested_) idle_.notify_all();
  }
  idle_.notify_all();
}

}  // namespace reinforge::store
