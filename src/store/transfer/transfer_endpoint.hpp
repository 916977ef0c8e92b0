#pragma once
// One side of a copy, on either backend (sqlite_endpoint.hpp, pg_endpoint.hpp): its schema, its
// rows in batches, and the writes that fill it. The same endpoint reads the source and, after the
// copy, the target back for the comparison.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "store/transfer/table_plan.hpp"
#include "store/transfer/transfer_row.hpp"
#include "store/transfer/transfer_stores.hpp"

namespace reinforge::store::transfer {

using RowBatchVisitor = std::function<void(std::span<const Row>)>;

class TransferEndpoint {
 public:
  virtual ~TransferEndpoint() = default;

  virtual Backend backend() const = 0;
  virtual Schema schema() = 0;

  // Reads see one snapshot from begin_reading to end_reading, however long the copy takes and
  // whatever a running server writes meanwhile.
  virtual void begin_reading() = 0;
  virtual void end_reading() = 0;
  // The table's rows in key order, in batches of at most kBatchRows rows or kBatchBytes of text.
  virtual void read_rows(const TablePlan& table, const RowBatchVisitor& visit) = 0;
  // The highest id the table's drawn key has used: its largest value, or past it when the
  // sequence (or SQLite's AUTOINCREMENT) remembers higher ids since deleted.
  virtual int64_t highest_drawn_id(const TablePlan& table) = 0;

  // The listed tables that hold rows of the user's (not those every new store starts with).
  virtual std::vector<std::string> tables_with_rows(std::span<const TablePlan> tables) = 0;
  // Writing: SQLite commits each batch; PostgreSQL each table, its rows written over several
  // connections at once (pg_parallel_copy.hpp). A copy that fails midway leaves part of the store
  // in the target: run it again with --force.
  // Deletes every row of the tables, those every new store starts with included (the source
  // brings its own).
  virtual void empty_tables(std::span<const TablePlan> tables) = 0;
  virtual void write_rows(const TablePlan& table, std::span<const Row> rows) = 0;
  // Every row of the table is written: stored before the rows that refer to them are.
  virtual void end_table(const TablePlan& table) = 0;
  // New rows of the table will get ids above `highest_id` (and above every id copied).
  virtual void draw_ids_after(const TablePlan& table, int64_t highest_id) = 0;
  // Brings the derived data up to date and commits; returns what it derived, for the summary.
  virtual std::vector<std::string> finish_writing() = 0;
};

std::unique_ptr<TransferEndpoint> open_sqlite_endpoint(const std::filesystem::path& data_dir);
std::unique_ptr<TransferEndpoint> open_pg_endpoint(const std::string& conninfo);

}  // namespace reinforge::store::transfer
