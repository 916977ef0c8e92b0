#pragma once
// RAII over a SQLite connection and its prepared statements. Every statement is prepared
// and bound; nothing is ever spliced into SQL text.
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/sqlite_wal_checkpointer.hpp"

namespace reinforge::store {

// A cached prepared statement in use. It is reset when it goes out of scope: a statement left
// mid-result keeps a read snapshot open, and then this connection's next write transaction
// fails at once with "database is locked" once another connection has committed.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~Statement() {
    if (statement_) sqlite3_reset(statement_);
  }
  Statement(Statement&& other) noexcept : db_(other.db_), statement_(other.statement_) {
    other.statement_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  // Binds by 1-based index; returns *this so calls chain.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  // Bytes stored as a BLOB (a text binding would store TEXT, which never equals a BLOB).
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  bool step();     // true while a row is available
  void execute();  // runs to completion
  void reset();    // ready for new bindings
  // Virtual-machine steps since the last call: how much work the statement did (rows visited),
  // for tests that check a query's cost without a timer.
  int64_t take_vm_steps() { return sqlite3_stmt_status(statement_, SQLITE_STMTSTATUS_VM_STEP, 1); }

  int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  std::string_view column_text_view(int column) const;
  bool column_is_null(int column) const;
  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL: how the value is
  // stored, whatever the column's declared type.
  int column_type(int column) const { return sqlite3_column_type(statement_, column); }
  std::optional<int64_t> column_optional_int(int column) const;
  std::optional<double> column_optional_double(int column) const;
  std::optional<std::string> column_optional_text(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_;
};

class Connection {
 public:
  explicit Connection(const std::filesystem::path& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement, reset and with its bindings cleared.
  Statement prepare(std::string_view sql);
  void execute_script(const char* sql);  // for migrations only: fixed SQL, no parameters
  int64_t last_insert_id() const;
  int changes() const;
  // Rows changed since the connection opened, by every statement and what it set off.
  int64_t total_changes() const;
  // A passive checkpoint of the write-ahead log (what the commit hook runs past 4 MB of it).
  void checkpoint();
  // From now on the commit hook leaves its checkpoints to a thread of their own: for the
  // connection that bulk imports write through (the store's).
  void checkpoint_in_background();
  sqlite3* handle() const { return db_; }
  // Attaches another database file under `schema`, in WAL mode as this connection's own.
  void attach(const std::filesystem::path& file, const char* schema);
  // When this connection's last write transaction was committed and its write lock released:
  // before the checkpoint SQLite may run right after (which other writers need not wait for).
  std::chrono::steady_clock::time_point last_commit_time() const { return last_commit_time_; }

 private:
  static int after_commit(void* connection, sqlite3* db, const char* database, int wal_pages);
  static int wait_for_lock(void* unused, int tries);
  void remember_page_size(const std::string& schema);

  sqlite3* db_ = nullptr;
  std::chrono::steady_clock::time_point last_commit_time_{};
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
  std::map<std::string, int64_t, std::less<>> page_bytes_;  // by schema, for the commit hook
  std::unique_ptr<WalCheckpointer> checkpointer_;  // closed before db_, the last connection
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when destroyed before commit().
class Transaction {
 public:
  // `immediate` takes the write lock of every database the connection has attached at once;
  // `deferred` each one's at its first write there: for a connection that writes one attached
  // database and only reads another (the record search indexer).
  enum class Start { immediate, deferred };
  explicit Transaction(Connection& connection, Start start = Start::immediate);
  ~Transaction();
  void commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

}  // namespace reinforge::store
