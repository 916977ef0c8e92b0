#include "store/sqlite_connection.hpp"

#include <stdexcept>
#include <thread>

#include "store/sql_functions.hpp"

namespace reinforge::store {

static void check(sqlite3* db, int code, const char* what) {
  if (code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE) return;
  throw std::runtime_error(std::string("database error while ") + what + ": " + sqlite3_errmsg(db));
}

Statement& Statement::bind(int index, int64_t value) {
  check(db_, sqlite3_bind_int64(statement_, index, value), "binding a value");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  check(db_, sqlite3_bind_double(statement_, index, value), "binding a value");
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  check(db_, sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT), "binding a value");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  check(db_,
        sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8),
        "binding a value");
  return *this;
}

Statement& Statement::bind_null(int index) {
  check(db_, sqlite3_bind_null(statement_, index), "binding a value");
  return *this;
}

bool Statement::step() {
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  std::string message = sqlite3_errmsg(db_);
  int extended = sqlite3_extended_errcode(db_);
  sqlite3_reset(statement_);
  if (extended == SQLITE_CONSTRAINT_UNIQUE) throw std::invalid_argument("unique:" + message);
  throw std::runtime_error("database error: " + message);
}

void Statement::execute() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

int64_t Statement::column_int(int column) const { return sqlite3_column_int64(statement_, column); }
double Statement::column_double(int column) const {
  return sqlite3_column_double(statement_, column);
}
std::string_view Statement::column_text_view(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (!text) return {};
  return {text, static_cast<size_t>(sqlite3_column_bytes(statement_, column))};
}
std::string Statement::column_text(int column) const { return std::string(column_text_view(column)); }
bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}
std::optional<int64_t> Statement::column_optional_int(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_int(column);
}
std::optional<double> Statement::column_optional_double(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_double(column);
}
std::optional<std::string> Statement::column_optional_text(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_text(column);
}

Connection::Connection(const std::filesystem::path& path) {
  // SQLite counts its memory by default, under one process-wide mutex taken at every allocation:
  // a pull's reader and writer, each on its own connection, then wait for each other. Nothing
  // reads the counts. Must precede SQLite's initialization, which the first open does.
  static const bool memory_not_counted = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
  (void)memory_not_counted;
  int code = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
  if (code != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot open the database " + path.string() + ": " + message);
  }
  sqlite3_busy_handler(db_, &Connection::wait_for_lock, nullptr);
  register_sql_functions(db_);
  // A new database gets 16 KiB pages instead of SQLite's 4 KiB: an import then writes a quarter
  // as many log frames (two writes each, header and page) and B-tree pages for the same rows (1.2x
  // the records a second, bench/README.md). A file that exists keeps the size it was made with. WAL
  // lets readers go on during an import; NORMAL sync is durable at each checkpoint and never
  // corrupts the database on a crash (a committed transaction may be lost on power failure only).
  execute_script(
      "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
      "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
  remember_page_size("main");
  sqlite3_wal_hook(db_, &Connection::after_commit, this);
}

// sqlite3_busy_timeout sleeps 1, 2, 5, 10, 15, 20, 25... ms between tries, so a writer that
// found the lock taken for 20 ms got it after 33: up to 1.6 times the holder's transaction (the
// trace writer behind a pruning batch, bench/traces/prune_stall.cpp). Trying again every
// millisecond costs a few microseconds a try and waits no longer than the holder.
int Connection::wait_for_lock(void*, int tries) {
  constexpr int kMaxTries = 10000;  // 10 s and more
  if (tries >= kMaxTries) return 0;
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return 1;
}

void Connection::remember_page_size(const std::string& schema) {
  // The schema name is the caller's constant; PRAGMA takes no bound parameters.
  auto statement = prepare("PRAGMA " + schema + ".page_size");
  if (statement.step()) page_bytes_[schema] = statement.column_int(0);
}

// SQLite's own hook, with the commit's time noted first: it checkpoints once the WAL holds
// 4 MB, what SQLite's 1000-page wal_autocheckpoint default means at 4 KiB pages (about 250
// pages of 16 KiB).
int Connection::after_commit(void* connection, sqlite3* db, const char* database, int wal_pages) {
  auto& self = *static_cast<Connection*>(connection);
  self.last_commit_time_ = std::chrono::steady_clock::now();
  auto page_bytes = self.page_bytes_.find(std::string_view(database));
  int64_t wal_bytes =
      int64_t{wal_pages} * (page_bytes == self.page_bytes_.end() ? 4096 : page_bytes->second);
  constexpr int64_t kAutoCheckpointBytes = 1000 * 4096;
  if (wal_bytes < kAutoCheckpointBytes) return SQLITE_OK;
  if (!self.checkpointer_) {
    sqlite3_wal_checkpoint(db, database);
    return SQLITE_OK;
  }
  self.checkpointer_->request();
  // The log starts over at the next write only once every page in it has been copied, and a
  // checkpoint started after one commit is still copying at the next: the log would grow by the
  // whole import. So past 64 MiB the writer waits for the checkpoint it just asked for (and runs
  // one itself in case that one found the lock taken), every few import batches.
  constexpr int64_t kWriterCatchesUpBytes = int64_t{64} << 20;
  if (wal_bytes >= kWriterCatchesUpBytes) {
    self.checkpointer_->wait_until_idle();
    sqlite3_wal_checkpoint(db, database);
  }
  return SQLITE_OK;
}

void Connection::checkpoint_in_background() {
  if (!checkpointer_) {
    checkpointer_ = std::make_unique<WalCheckpointer>(sqlite3_db_filename(db_, "main"));
  }
}

Connection::~Connection() {
  checkpointer_.reset();
  for (auto& [sql, statement] : cache_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

Statement Connection::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* statement = nullptr;
    check(db_, sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &statement, nullptr),
          "preparing a statement");
    it = cache_.emplace(std::string(sql), statement).first;
  }
  sqlite3_reset(it->second);
  sqlite3_clear_bindings(it->second);
  return Statement(db_, it->second);
}

void Connection::execute_script(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("database error: " + message);
  }
}

int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Connection::changes() const { return sqlite3_changes(db_); }
int64_t Connection::total_changes() const { return sqlite3_total_changes64(db_); }
void Connection::checkpoint() { sqlite3_wal_checkpoint(db_, nullptr); }

void Connection::attach(const std::filesystem::path& file, const char* schema) {
  // The schema name is the caller's constant; PRAGMA takes no bound parameters.
  prepare(std::string("ATTACH DATABASE ? AS ") + schema).bind(1, file.string()).execute();
  std::string name(schema);
  execute_script(
      ("PRAGMA " + name + ".journal_mode=WAL; PRAGMA " + name + ".synchronous=NORMAL;").c_str());
  remember_page_size(name);
}

Transaction::Transaction(Connection& connection, Start start) : connection_(connection) {
  connection_.prepare(start == Start::immediate ? "BEGIN IMMEDIATE" : "BEGIN").execute();
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      connection_.prepare("ROLLBACK").execute();
    } catch (...) {
      // The connection is unusable anyway; the error that got us here is what matters.
    }
  }
}

void Transaction::commit() {
  connection_.prepare("COMMIT").execute();
  done_ = true;
}

}  // namespace reinforge::store
