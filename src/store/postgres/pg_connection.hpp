#pragma once
// PostgreSQL through libpq (Debian's libpq-dev), for the PostgreSQL store (docs/postgresql.md).
// Every statement is prepared once per connection and run with bound parameters; values go as
// text and come back as text, converted here, so no store builds SQL from values.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "util/temporarily_unavailable.hpp"

struct pg_conn;
struct pg_result;

namespace reinforge::store::postgres {

// An error from the server, with its SQLSTATE ("23505" is a unique violation).
struct PgError : std::runtime_error {
  PgError(const std::string& message, std::string sqlstate)
      : std::runtime_error(message), sqlstate(std::move(sqlstate)) {}
  std::string sqlstate;
  bool unique_violation() const { return sqlstate == "23505"; }
};

// The server cannot be reached, or the connection to it broke (SQLSTATE class 08, or 57P: the
// server shutting down): the same call may succeed on a new connection later.
struct PgUnavailable : util::TemporarilyUnavailable {
  using util::TemporarilyUnavailable::TemporarilyUnavailable;
};

using PgValue = std::variant<std::nullptr_t, int64_t, double, std::string>;

// NULL for an empty optional, as SQLite's bind of one.
template <typename T>
PgValue optional_value(const std::optional<T>& value) {
  return value ? PgValue(*value) : PgValue(nullptr);
}

class PgResult {
 public:
  explicit PgResult(pg_result* result);
  ~PgResult();
  PgResult(PgResult&& other) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PgResult& operator=(PgResult&&) = delete;

  int rows() const;
  bool is_null(int row, int column) const;
  int64_t int_at(int row, int column) const;
  double double_at(int row, int column) const;
  bool bool_at(int row, int column) const;  // a BOOLEAN column ("t" or "f")
  std::string text_at(int row, int column) const;
  std::optional<int64_t> optional_int_at(int row, int column) const;
  std::optional<double> optional_double_at(int row, int column) const;
  std::optional<std::string> optional_text_at(int row, int column) const;
  // Rows an INSERT, UPDATE or DELETE changed.
  int64_t affected() const;

 private:
  pg_result* result_;
};

class PgConnection {
 public:
  // `conninfo`: a postgresql:// URL or "key=value" words; throws PgError when it cannot connect.
  explicit PgConnection(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Prepares `sql` ($1, $2... placeholders) on first use, then runs it with `params`.
  PgResult exec(std::string_view sql, const std::vector<PgValue>& params = {});
  // Runs `sql` without keeping a prepared statement, so PostgreSQL plans it for these values every
  // time: for queries whose best plan depends on them (a rare search word or a common one), which
  // a prepared statement's generic plan would fix once for all.
  PgResult exec_unprepared(std::string_view sql, const std::vector<PgValue>& params = {});
  // COPY ... FROM STDIN (text format): sends `rows`, lines written by PgCopyRows, in one go.
  // Returns the rows the server stored.
  int64_t copy_rows(const char* copy_sql, std::string_view rows);
  // copy_rows in two halves, so one thread keeps the COPYs of several connections going at once
  // (reinforge migrate): start_copy sends the rows and returns, finish_copy waits for the server
  // to store them. Rows that fit the socket's buffers (a few hundred KB) are sent without
  // waiting for the server to read them.
  void start_copy(const char* copy_sql, std::string_view rows);
  int64_t finish_copy();
  // A COPY fed while its rows are still being written (PgCopyFeed, pg_copy_feed.hpp): open_copy
  // starts it, each send_copy hands over the rows ready so far, finish_copy ends it;
  // abandon_copy, when the caller fails halfway, ends it with an error so the connection can
  // roll back and be used again.
  void open_copy(const char* copy_sql);
  void send_copy(std::string_view rows);
  void abandon_copy() noexcept;
  // Fixed SQL without parameters (migrations, BEGIN/COMMIT); may hold several statements.
  void execute_script(const char* sql);
  bool healthy() const;
  // Healthy, outside any transaction, and not closed by the server since its last statement
  // (checked without waiting): what a pooled connection must be before it is leased again.
  bool reusable();

 private:
  pg_conn* connection_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  std::string copy_failure_;  // why sending a started COPY's rows failed, if it did
  bool copy_open_ = false;    // rows may still be sent (no PQputCopyEnd yet)
  void end_copy();
};

// BEGIN ... COMMIT, rolled back when destroyed before commit().
class PgTransaction {
 public:
  // `begin`: the statement that starts it, e.g. "BEGIN ISOLATION LEVEL REPEATABLE READ".
  explicit PgTransaction(PgConnection& connection, const char* begin = "BEGIN");
  ~PgTransaction();
  void commit();

 private:
  PgConnection& connection_;
  bool done_ = false;
};

}  // namespace reinforge::store::postgres
