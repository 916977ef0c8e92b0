// The PostgreSQL side of a copy (transfer_endpoint.hpp): reads through a cursor in one
// REPEATABLE READ transaction, writes with COPY in one transaction for the whole store.
#include <algorithm>
#include <optional>

#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_copy_rows.hpp"
#include "store/postgres/pg_trace_rollups.hpp"
#include "store/transfer/pg_parallel_copy.hpp"
#include "store/transfer/transfer_endpoint.hpp"

namespace reinforge::store::transfer {

namespace {

using postgres::PgConnection;
using postgres::PgCopyRows;
using postgres::PgResult;
using postgres::PgTransaction;
using postgres::PgValue;

PgValue integer(int64_t value) {
  return PgValue(std::in_place_type<int64_t>, value);
}

// Connections a table's rows are written over: enough to keep a few server cores busy.
constexpr std::size_t kCopyConnections = 4;

// Rows a FETCH asks for: about kBatchBytes of text whatever a table's rows weigh (a trace can
// hold megabytes, a tag a few bytes). Few distinct values: each is a statement of its own.
int rows_to_fetch(std::size_t bytes_per_row) {
  for (int rows : {5000, 1000, 100, 10})
    if (bytes_per_row * static_cast<std::size_t>(rows) <= kBatchBytes) return rows;
  return 1;
}

Value read_value(const PgResult& result, int row, int column, ColumnKind kind, std::size_t& bytes) {
  if (result.is_null(row, column)) return nullptr;
  switch (kind) {
    case ColumnKind::integer:
      return result.int_at(row, column);
    case ColumnKind::boolean:
      return int64_t{result.bool_at(row, column)};
    case ColumnKind::real:
      return result.double_at(row, column);
    case ColumnKind::latency_histogram:
      return postgres::pg_trace_rollups::histogram_from_text(result.text_at(row, column));
    case ColumnKind::text:
    case ColumnKind::as_stored:
      break;
  }
  std::string text = result.text_at(row, column);
  bytes += text.size();
  return text;
}

void copy_value(PgCopyRows& rows, const Value& value, ColumnKind kind) {
  if (std::holds_alternative<std::nullptr_t>(value)) {
    rows.null();
  } else if (const auto* integer = std::get_if<int64_t>(&value)) {
    if (kind == ColumnKind::boolean) {
      rows.boolean(*integer != 0);
    } else {
      rows.integer(*integer);
    }
  } else if (const auto* real = std::get_if<double>(&value)) {
    rows.real(*real);
  } else if (const auto* text = std::get_if<std::string>(&value)) {
    rows.text(*text);
  } else if (const auto* histogram = std::get_if<LatencyHistogram>(&value)) {
    rows.text(postgres::pg_trace_rollups::histogram_text(*histogram));
  } else {
    rows.text(std::get<Blob>(value).bytes);
  }
}

class PgEndpoint final : public TransferEndpoint {
 public:
  explicit PgEndpoint(const std::string& conninfo)
      : connection_(conninfo), copies_(conninfo, kCopyConnections) {
    // Doubles come back in their shortest exact form whatever the server's setting (PostgreSQL
    // 12 and later: any value above 0).
    connection_.exec("SET extra_float_digits = 3");
  }

  Backend backend() const override { return Backend::postgresql; }

  Schema schema() override {
    auto rows = connection_.exec(
        "SELECT c.table_name, c.column_name, lower(c.data_type), c.is_generated = 'ALWAYS' "
        "FROM information_schema.columns c JOIN information_schema.tables t "
        "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
        "ORDER BY c.table_name, c.ordinal_position");
    Schema schema;
    for (int row = 0; row < rows.rows(); ++row) {
      schema[rows.text_at(row, 0)].push_back(
          {rows.text_at(row, 1), rows.text_at(row, 2), rows.bool_at(row, 3)});
    }
    return schema;
  }

  void begin_reading() override {
    reading_.emplace(connection_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  void end_reading() override {
    reading_->commit();
    reading_.reset();
  }

  void read_rows(const TablePlan& table, const RowBatchVisitor& visit) override {
    connection_.exec("DECLARE transfer_rows NO SCROLL CURSOR FOR SELECT " + column_list(table) +
                     " FROM " + quote_identifier(table.spec->name) + " ORDER BY " +
                     key_list(table));
    const int width = static_cast<int>(table.columns.size());
    int fetch = 100;
    for (;;) {
      auto result = connection_.exec("FETCH " + std::to_string(fetch) + " FROM transfer_rows");
      if (result.rows() == 0) break;
      std::vector<Row> batch;
      batch.reserve(static_cast<std::size_t>(result.rows()));
      std::size_t bytes = 0;
      for (int row = 0; row < result.rows(); ++row) {
        Row values;
        values.reserve(table.columns.size());
        for (int column = 0; column < width; ++column) {
          values.push_back(read_value(result, row, column,
                                      table.columns[static_cast<std::size_t>(column)].kind, bytes));
        }
        batch.push_back(std::move(values));
      }
      visit(batch);
      fetch = rows_to_fetch(bytes / batch.size() + 1);
    }
    connection_.exec("CLOSE transfer_rows");
    if (std::string_view(table.spec->name) == "settings")
      visit(std::vector<Row>{routes_version_row(table)});
  }

  int64_t highest_drawn_id(const TablePlan& table) override {
    int64_t id = largest_id(table);
    auto last =
        connection_.exec("SELECT pg_sequence_last_value(pg_get_serial_sequence($1, $2)::regclass)",
                         {std::string(table.spec->name), std::string(table.spec->drawn_id)});
    if (last.rows() && !last.is_null(0, 0)) id = std::max(id, last.int_at(0, 0));
    return id;
  }

  std::vector<std::string> tables_with_rows(std::span<const TablePlan> tables) override {
    std::vector<std::string> found;
    for (const auto& table : tables) {
      std::string sql = "SELECT EXISTS (SELECT 1 FROM " + quote_identifier(table.spec->name);
      if (table.spec->user_rows) sql += std::string(" WHERE ") + table.spec->user_rows;
      if (connection_.exec(sql + ")").bool_at(0, 0)) found.push_back(table.spec->name);
    }
    return found;
  }

  void empty_tables(std::span<const TablePlan> tables) override {
    PgTransaction transaction(connection_);
    // An instance still running on this database caches each dataset's aggregates by this
    // version: the copied datasets get a newer one than any it may hold (finish_writing).
    aggregates_version_ =
        connection_.exec("SELECT coalesce(max(aggregates_version), 0) + 1 FROM datasets")
            .int_at(0, 0);
    std::string names;
    for (const auto& table : tables)
      names += (names.empty() ? "" : ", ") + quote_identifier(table.spec->name);
    connection_.exec("TRUNCATE " + names);
    connection_.exec("UPDATE routes_version SET version = 0");
    transaction.commit();
  }

  void write_rows(const TablePlan& table, std::span<const Row> rows) override {
    const auto& computed = table.spec->computed_on_postgresql;
    std::vector<std::vector<std::size_t>> inputs;  // per computed column, its inputs' positions
    std::string columns = column_list(table);
    for (const auto& column : computed) {
      columns += ", " + quote_identifier(column.name);
      auto& positions = inputs.emplace_back();
      for (const char* input : column.inputs) positions.push_back(position_of(table, input));
    }
    const bool settings = std::string_view(table.spec->name) == "settings";
    const std::string sql =
        "COPY " + quote_identifier(table.spec->name) + " (" + columns + ") FROM STDIN";
    PgCopyRows copy;
    std::vector<const Value*> arguments;
    for (const auto& row : rows) {
      if (settings && is_routes_version(table, row)) {
        connection_.exec("UPDATE routes_version SET version = $1::bigint",
                         {std::get<std::string>(row[position_of(table, "value")])});
        continue;
      }
      for (std::size_t i = 0; i < row.size(); ++i) copy_value(copy, row[i], table.columns[i].kind);
      for (std::size_t c = 0; c < computed.size(); ++c) {
        arguments.clear();
        for (auto position : inputs[c]) arguments.push_back(&row[position]);
        copy.text(computed[c].compute(arguments));
      }
      copy.end_row();
      if (copy.data().size() >= kCopyChunkBytes) {
        copies_.send(sql, copy.data());
        copy = PgCopyRows();
      }
    }
    if (!copy.empty()) copies_.send(sql, copy.data());
  }

  void end_table(const TablePlan&) override { copies_.commit(); }

  void draw_ids_after(const TablePlan& table, int64_t highest_id) override {
    int64_t highest = std::max(highest_id, largest_id(table));
    // setval's third argument false: the next id is this one (a sequence starts at 1).
    connection_.exec(
        "SELECT setval(pg_get_serial_sequence($1, $2), $3, $4)",
        {std::string(table.spec->name), std::string(table.spec->drawn_id),
         integer(std::max<int64_t>(highest, 1)), std::string(highest > 0 ? "true" : "false")});
  }

  std::vector<std::string> finish_writing() override {
    std::vector<std::string> derived = {"records' and traces' search words computed while copying"};
    PgTransaction transaction(connection_);
    for (const auto& statement : derived_data_statements(Backend::postgresql)) {
      connection_.exec(statement.sql);
      derived.push_back(statement.what);
    }
    connection_.exec("UPDATE datasets SET aggregates_version = $1", {integer(aggregates_version_)});
    derived.push_back("datasets' aggregates versions advanced");
    transaction.commit();
    // Fresh statistics, so the first queries are planned for the rows just copied (autovacuum
    // would take its time).
    connection_.exec("ANALYZE");
    derived.push_back("statistics analyzed");
    return derived;
  }

 private:
  int64_t largest_id(const TablePlan& table) {
    return connection_
        .exec("SELECT coalesce(max(" + quote_identifier(table.spec->drawn_id) + "), 0) FROM " +
              quote_identifier(table.spec->name))
        .int_at(0, 0);
  }

  Row routes_version_row(const TablePlan& table) {
    auto version = connection_.exec("SELECT version::text FROM routes_version");
    Row row(table.columns.size(), nullptr);
    row[position_of(table, "key")] = std::string(kRoutesVersionKey);
    row[position_of(table, "value")] = version.rows() ? version.text_at(0, 0) : std::string("0");
    return row;
  }

  static bool is_routes_version(const TablePlan& table, const Row& row) {
    const auto* key = std::get_if<std::string>(&row[position_of(table, "key")]);
    return key && *key == kRoutesVersionKey;
  }

  static std::size_t position_of(const TablePlan& table, const char* name) {
    for (std::size_t i = 0; i < table.columns.size(); ++i)
      if (table.columns[i].name == name) return i;
    throw std::runtime_error(std::string(table.spec->name) + "." + name + " is not copied");
  }

  PgConnection connection_;
  std::optional<PgTransaction> reading_;
  ParallelCopy copies_;
  int64_t aggregates_version_ = 1;
};

}  // namespace

std::unique_ptr<TransferEndpoint> open_pg_endpoint(const std::string& conninfo) {
  return std::make_unique<PgEndpoint>(conninfo);
}

}  // namespace reinforge::store::transfer
