#include "store/postgres/pg_connection.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "store/postgres/pg_copy_rows.hpp"

namespace reinforge::store::postgres {

namespace {

[[noreturn]] void throw_result_error(const PGresult* result, PGconn* connection) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(connection);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  std::string_view sqlstate = state ? state : "";
  bool connection_lost = connection && PQstatus(connection) == CONNECTION_BAD;
  if (connection_lost || sqlstate.starts_with("08") || sqlstate.starts_with("57P")) {
    throw PgUnavailable("the database is not reachable: " + message);
  }
  throw PgError("database error: " + message, std::string(sqlstate));
}

// Keeps a result only when it succeeded; throws (freeing it) otherwise.
PGresult* checked(PGresult* result, PGconn* connection) {
  auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  try {
    throw_result_error(result, connection);
  } catch (...) {
    PQclear(result);
    throw;
  }
}

std::string as_text(const PgValue& value) {
  if (auto* integer = std::get_if<int64_t>(&value)) return std::to_string(*integer);
  if (auto* real = std::get_if<double>(&value)) {
    char buffer[32];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, *real).ptr;
    return std::string(buffer, end);
  }
  return std::get<std::string>(value);
}

// Parameter values as libpq takes them: text, or a null pointer for NULL. Text goes as a C
// string, so a NUL byte would cut it short, and the server refuses invalid UTF-8 (a 500 for a
// filter of `%FF`, a job whose error message was cut mid-character never marked failed): both
// are bound as U+FFFD, as COPY stores them.
class ParamTexts {
 public:
  explicit ParamTexts(const std::vector<PgValue>& params) {
    texts_.reserve(params.size());
    for (const auto& param : params) {
      if (std::holds_alternative<std::nullptr_t>(param)) {
        texts_.emplace_back();
        values_.push_back(nullptr);
      } else {
        const auto* text = std::get_if<std::string>(&param);
        if (text && !copies_unchanged(*text)) {
          texts_.push_back(text_as_copied(*text));
        } else {
          texts_.push_back(as_text(param));
        }
        values_.push_back(texts_.back().c_str());
      }
    }
  }
  ParamTexts(const ParamTexts&) = delete;
  ParamTexts& operator=(const ParamTexts&) = delete;
  int count() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }

 private:
  std::vector<std::string> texts_;  // reserved up front, so `values_` never dangles
  std::vector<const char*> values_;
};

}  // namespace

PgResult::PgResult(pg_result* result) : result_(result) {}
PgResult::~PgResult() {
  if (result_) PQclear(result_);
}
PgResult::PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }

int PgResult::rows() const { return PQntuples(result_); }
bool PgResult::is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

int64_t PgResult::int_at(int row, int column) const {
  const char* text = PQgetvalue(result_, row, column);
  int64_t value = 0;
  std::from_chars(text, text + PQgetlength(result_, row, column), value);
  return value;
}

double PgResult::double_at(int row, int column) const {
  const char* text = PQgetvalue(result_, row, column);
  double value = 0;
  std::from_chars(text, text + PQgetlength(result_, row, column), value);
  return value;
}

bool PgResult::bool_at(int row, int column) const { return PQgetvalue(result_, row, column)[0] == 't'; }

std::string PgResult::text_at(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column), PQgetlength(result_, row, column));
}

std::optional<int64_t> PgResult::optional_int_at(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return int_at(row, column);
}

std::optional<double> PgResult::optional_double_at(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return double_at(row, column);
}

std::optional<std::string> PgResult::optional_text_at(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return text_at(row, column);
}

int64_t PgResult::affected() const {
  const char* text = PQcmdTuples(result_);
  int64_t value = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), value);
  return value;
}

namespace {

// A server that does not answer (a wrong host, a firewall) fails the start after this long
// rather than at the operating system's TCP timeout, minutes later. Once connected, a link that
// goes silent (a partition, a frozen host) fails the statement waiting on it within about 30 s
// (keepalives for a connection waiting for an answer, the user timeout for one whose bytes go
// unacknowledged) instead of hours, and the pool drops the connection. The database URL's own
// settings (or PGCONNECT_TIMEOUT) win: they come later in the list.
PGconn* connect_with_timeout(const std::string& conninfo) {
  const char* keywords[] = {"connect_timeout",
                            "keepalives_idle",
                            "keepalives_interval",
                            "keepalives_count",
                            "tcp_user_timeout",
                            "dbname",
                            nullptr};
  const char* timeout = std::getenv("PGCONNECT_TIMEOUT");
  const char* values[] = {timeout ? timeout : "10", "10",   "5", "3", "30000",
                          conninfo.c_str(),         nullptr};
  return PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
}

}  // namespace

PgConnection::PgConnection(const std::string& conninfo)
    : connection_(connect_with_timeout(conninfo)) {
  if (!connection_ || PQstatus(connection_) != CONNECTION_OK) {
    std::string message = connection_ ? PQerrorMessage(connection_) : "out of memory";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    if (connection_) PQfinish(connection_);
    connection_ = nullptr;
    throw PgUnavailable("cannot connect to PostgreSQL: " + message);
  }
  // Server notices (e.g. "relation already exists, skipping") are not ours to print.
  PQsetNoticeProcessor(connection_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() {
  if (connection_) PQfinish(connection_);
}

PgResult PgConnection::exec(std::string_view sql, const std::vector<PgValue>& params) {
  std::string key(sql);
  auto found = prepared_.find(key);
  if (found == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size() + 1);
    PQclear(checked(PQprepare(connection_, name.c_str(), key.c_str(), 0, nullptr), connection_));
    found = prepared_.emplace(std::move(key), std::move(name)).first;
  }
  ParamTexts texts(params);
  return PgResult(checked(PQexecPrepared(connection_, found->second.c_str(), texts.count(), texts.values(),
                                         nullptr, nullptr, 0),
                          connection_));
}

PgResult PgConnection::exec_unprepared(std::string_view sql, const std::vector<PgValue>& params) {
  std::string text(sql);
  ParamTexts texts(params);
  return PgResult(checked(PQexecParams(connection_, text.c_str(), texts.count(), nullptr, texts.values(),
                                       nullptr, nullptr, 0),
                          connection_));
}

int64_t PgConnection::copy_rows(const char* copy_sql, std::string_view rows) {
  start_copy(copy_sql, rows);
  return finish_copy();
}

void PgConnection::start_copy(const char* copy_sql, std::string_view rows) {
  open_copy(copy_sql);
  send_copy(rows);
  end_copy();
}

void PgConnection::open_copy(const char* copy_sql) {
  PGresult* started = PQexec(connection_, copy_sql);
  if (PQresultStatus(started) != PGRES_COPY_IN) {
    PQclear(checked(started, connection_));  // throws with the server's reason
    throw PgError(std::string("not a COPY FROM STDIN: ") + copy_sql, "");
  }
  PQclear(started);
  copy_failure_.clear();
  copy_open_ = true;
}

void PgConnection::send_copy(std::string_view rows) {
  // libpq copies into its own buffer and sends as it fills, so one call with every row is fine
  // (the protocol splits it into messages of at most 1 GB; a trace batch is far below that).
  constexpr std::size_t kChunk = 1 << 20;
  for (std::size_t at = 0; at < rows.size() && copy_failure_.empty(); at += kChunk) {
    auto size = static_cast<int>(std::min(kChunk, rows.size() - at));
    if (PQputCopyData(connection_, rows.data() + at, size) != 1)
      copy_failure_ = "sending rows failed";
  }
}

// A failure message makes the server refuse the whole COPY.
void PgConnection::end_copy() {
  if (!copy_open_) return;
  copy_open_ = false;
  const char* failure = copy_failure_.empty() ? nullptr : copy_failure_.c_str();
  if (PQputCopyEnd(connection_, failure) != 1 && copy_failure_.empty())
    copy_failure_ = "ending the copy failed";
}

void PgConnection::abandon_copy() noexcept {
  if (!copy_open_) return;
  copy_failure_ = "the rows could not be written";
  end_copy();
  while (PGresult* rest = PQgetResult(connection_)) PQclear(rest);
}

int64_t PgConnection::finish_copy() {
  end_copy();
  // The COPY's own result, then the end of its results.
  PGresult* result = PQgetResult(connection_);
  int64_t stored = 0;
  try {
    PgResult checked_result(checked(result, connection_));
    stored = checked_result.affected();
  } catch (...) {
    while (PGresult* rest = PQgetResult(connection_)) PQclear(rest);
    throw;
  }
  while (PGresult* rest = PQgetResult(connection_)) PQclear(rest);
  if (!copy_failure_.empty())
    throw PgUnavailable("COPY: " + copy_failure_ + ": " + PQerrorMessage(connection_));
  return stored;
}

void PgConnection::execute_script(const char* sql) { PQclear(checked(PQexec(connection_, sql), connection_)); }

bool PgConnection::healthy() const { return PQstatus(connection_) == CONNECTION_OK; }

bool PgConnection::reusable() {
  if (!healthy() || PQtransactionStatus(connection_) != PQTRANS_IDLE) return false;
  // Between statements the server has nothing to say: anything to read is its goodbye before
  // closing (a restart, pg_terminate_backend) or the end of the stream.
  pollfd socket{PQsocket(connection_), POLLIN, 0};
  return ::poll(&socket, 1, 0) == 0;
}

PgTransaction::PgTransaction(PgConnection& connection, const char* begin)
    : connection_(connection) {
  connection_.execute_script(begin);
}

PgTransaction::~PgTransaction() {
  if (done_) return;
  try {
    connection_.execute_script("ROLLBACK");
  } catch (...) {
    // The connection is gone; the server rolls the transaction back itself.
  }
}

void PgTransaction::commit() {
  connection_.execute_script("COMMIT");
  done_ = true;
}

}  // namespace reinforge::store::postgres
