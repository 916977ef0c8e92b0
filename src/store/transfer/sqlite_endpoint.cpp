// The SQLite side of a copy (transfer_endpoint.hpp): reads with one statement per table in a
// read transaction, writes multi-row INSERTs, one transaction per batch.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "store/sqlite_connection.hpp"
#include "store/transfer/transfer_endpoint.hpp"

namespace reinforge::store::transfer {

namespace {

// Rows per INSERT statement, within SQLite's limit on bound values: enough to cut the per-
// statement cost, few enough that the statements stay small.
constexpr std::size_t kRowsPerInsert = 64;

std::string storage_name(int type) {
  switch (type) {
    case SQLITE_INTEGER:
      return "an integer";
    case SQLITE_FLOAT:
      return "a real number";
    case SQLITE_TEXT:
      return "text";
    case SQLITE_BLOB:
      return "a blob";
    default:
      return "NULL";
  }
}

[[noreturn]] void refuse_value(const TablePlan& table, const ColumnPlan& column, int type,
                               const char* wanted) {
  throw std::runtime_error(std::string(table.spec->name) + "." + column.name + " holds " +
                           storage_name(type) + " where " + wanted +
                           " belongs: the target cannot store it");
}

Value read_value(const Statement& row, int index, const TablePlan& table, std::size_t& bytes) {
  const auto& column = table.columns[static_cast<std::size_t>(index)];
  int type = row.column_type(index);
  if (type == SQLITE_NULL) return nullptr;
  switch (column.kind) {
    case ColumnKind::integer:
    case ColumnKind::boolean: {
      int64_t value = row.column_int(index);
      if (type == SQLITE_FLOAT) {
        double real = row.column_double(index);
        if (real != std::floor(real)) refuse_value(table, column, type, "an integer");
      } else if (type != SQLITE_INTEGER) {
        refuse_value(table, column, type, "an integer");
      }
      if (column.kind == ColumnKind::boolean) return int64_t{value != 0};
      return value;
    }
    case ColumnKind::real:
      if (type != SQLITE_INTEGER && type != SQLITE_FLOAT)
        refuse_value(table, column, type, "a number");
      return row.column_double(index);
    case ColumnKind::text: {
      std::string text(row.column_text_view(index));  // a number becomes its text, as SQLite casts
      bytes += text.size();
      return text;
    }
    case ColumnKind::latency_histogram: {
      auto histogram = LatencyHistogram::decode(row.column_text_view(index));
      if (!histogram) refuse_value(table, column, type, "an encoded latency histogram");
      return *std::move(histogram);
    }
    case ColumnKind::as_stored:
      break;
  }
  switch (type) {
    case SQLITE_INTEGER:
      return row.column_int(index);
    case SQLITE_FLOAT:
      return row.column_double(index);
    case SQLITE_BLOB: {
      Blob blob{std::string(row.column_text_view(index))};
      bytes += blob.bytes.size();
      return blob;
    }
    default: {
      std::string text(row.column_text_view(index));
      bytes += text.size();
      return text;
    }
  }
}

void bind_value(Statement& statement, int index, const Value& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) {
    statement.bind_null(index);
  } else if (const auto* integer = std::get_if<int64_t>(&value)) {
    statement.bind(index, *integer);
  } else if (const auto* real = std::get_if<double>(&value)) {
    statement.bind(index, *real);
  } else if (const auto* text = std::get_if<std::string>(&value)) {
    statement.bind(index, std::string_view(*text));
  } else if (const auto* blob = std::get_if<Blob>(&value)) {
    statement.bind_blob(index, blob->bytes);
  } else {
    statement.bind_blob(index, std::get<LatencyHistogram>(value).encode());
  }
}

class SqliteEndpoint final : public TransferEndpoint {
 public:
  explicit SqliteEndpoint(const std::filesystem::path& data_dir)
      : connection_(data_dir / "reinforge.db") {}

  Backend backend() const override { return Backend::sqlite; }

  Schema schema() override {
    std::vector<std::string> tables;
    {
      auto statement = connection_.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'");
      while (statement.step()) tables.push_back(statement.column_text(0));
    }
    Schema schema;
    for (const auto& table : tables) {
      auto statement =
          connection_.prepare("SELECT name, lower(type) FROM pragma_table_info(?) ORDER BY cid");
      statement.bind(1, table);
      auto& columns = schema[table];
      while (statement.step())
        columns.push_back({statement.column_text(0), statement.column_text(1)});
    }
    return schema;
  }

  // A deferred transaction: its snapshot is taken by the first read.
  void begin_reading() override { connection_.prepare("BEGIN").execute(); }
  void end_reading() override { connection_.prepare("COMMIT").execute(); }

  void read_rows(const TablePlan& table, const RowBatchVisitor& visit) override {
    auto statement =
        connection_.prepare("SELECT " + column_list(table) + " FROM " +
                            quote_identifier(table.spec->name) + " ORDER BY " + key_list(table));
    const int width = static_cast<int>(table.columns.size());
    std::vector<Row> batch;
    std::size_t bytes = 0;
    while (statement.step()) {
      Row row;
      row.reserve(table.columns.size());
      for (int i = 0; i < width; ++i) row.push_back(read_value(statement, i, table, bytes));
      batch.push_back(std::move(row));
      if (batch.size() >= kBatchRows || bytes >= kBatchBytes) {
        visit(batch);
        batch.clear();
        bytes = 0;
      }
    }
    if (!batch.empty()) visit(batch);
  }

  int64_t highest_drawn_id(const TablePlan& table) override {
    auto highest =
        connection_.prepare("SELECT coalesce(max(" + quote_identifier(table.spec->drawn_id) +
                            "), 0) FROM " + quote_identifier(table.spec->name));
    highest.step();
    int64_t id = highest.column_int(0);
    if (has_sequence_table()) {
      auto remembered = connection_.prepare("SELECT seq FROM sqlite_sequence WHERE name = ?");
      remembered.bind(1, table.spec->name);
      if (remembered.step()) id = std::max(id, remembered.column_int(0));
    }
    return id;
  }

  std::vector<std::string> tables_with_rows(std::span<const TablePlan> tables) override {
    std::vector<std::string> found;
    for (const auto& table : tables) {
      std::string sql = "SELECT EXISTS (SELECT 1 FROM " + quote_identifier(table.spec->name);
      if (table.spec->user_rows) sql += std::string(" WHERE ") + table.spec->user_rows;
      auto statement = connection_.prepare(sql + ")");
      statement.step();
      if (statement.column_int(0)) found.push_back(table.spec->name);
    }
    return found;
  }

  // Children first. The records' delete trigger logs every text for the search index, which is
  // rebuilt at the end anyway: the log goes with the rows it just filled.
  void empty_tables(std::span<const TablePlan> tables) override {
    Transaction transaction(connection_);
    for (auto table = tables.rbegin(); table != tables.rend(); ++table)
      connection_.prepare("DELETE FROM " + quote_identifier(table->spec->name)).execute();
    connection_.prepare("DELETE FROM record_search_changes").execute();
    transaction.commit();
  }

  void write_rows(const TablePlan& table, std::span<const Row> rows) override {
    const std::size_t width = std::max<std::size_t>(1, table.columns.size());
    const auto limit = static_cast<std::size_t>(
        sqlite3_limit(connection_.handle(), SQLITE_LIMIT_VARIABLE_NUMBER, -1));
    const std::size_t per_statement = std::clamp<std::size_t>(limit / width, 1, kRowsPerInsert);
    Transaction transaction(connection_);
    std::size_t at = 0;
    for (; rows.size() - at >= per_statement; at += per_statement)
      insert(table, rows.subspan(at, per_statement));
    for (; at < rows.size(); ++at) insert(table, rows.subspan(at, 1));
    transaction.commit();
  }

  void end_table(const TablePlan&) override {}  // each batch committed already

  // SQLite draws max(rowid) + 1 by itself; only an AUTOINCREMENT table remembers more.
  void draw_ids_after(const TablePlan& table, int64_t highest_id) override {
    auto autoincrement = connection_.prepare(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ? AND sql LIKE "
        "'%AUTOINCREMENT%'");
    autoincrement.bind(1, table.spec->name);
    if (highest_id <= 0 || !autoincrement.step()) return;
    autoincrement.reset();
    Transaction transaction(connection_);
    connection_.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?")
        .bind(1, highest_id)
        .bind(2, table.spec->name)
        .execute();
    if (connection_.changes() == 0) {
      connection_.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)")
          .bind(1, table.spec->name)
          .bind(2, highest_id)
          .execute();
    }
    transaction.commit();
  }

  std::vector<std::string> finish_writing() override {
    std::vector<std::string> derived;
    Transaction transaction(connection_);
    for (const auto& statement : derived_data_statements(Backend::sqlite)) {
      connection_.prepare(statement.sql).execute();
      derived.push_back(statement.what);
    }
    transaction.commit();
    connection_.checkpoint();
    return derived;
  }

 private:
  void insert(const TablePlan& table, std::span<const Row> rows) {
    std::string placeholders = "(";
    for (std::size_t i = 0; i < table.columns.size(); ++i) placeholders += i ? ", ?" : "?";
    placeholders += ")";
    std::string sql = "INSERT INTO " + quote_identifier(table.spec->name) + " (" +
                      column_list(table) + ") VALUES ";
    for (std::size_t i = 0; i < rows.size(); ++i) sql += (i ? ", " : "") + placeholders;
    auto statement = connection_.prepare(sql);
    int index = 1;
    for (const auto& row : rows)
      for (const auto& value : row) bind_value(statement, index++, value);
    statement.execute();
  }

  bool has_sequence_table() {
    auto statement =
        connection_.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'");
    return statement.step();
  }

  Connection connection_;
};

}  // namespace

std::unique_ptr<TransferEndpoint> open_sqlite_endpoint(const std::filesystem::path& data_dir) {
  return std::make_unique<SqliteEndpoint>(data_dir);
}

}  // namespace reinforge::store::transfer
