#pragma once
// What `reinforge migrate` copies: one list of the store's tables that drives both directions,
// parents before the rows that refer to them. Columns are not listed: each table's are read from
// both schemas (table_plan.hpp), so a column a migration adds on both backends is copied without
// a change here. What is listed is what the schemas cannot say: the key to read rows in, the ids
// a store draws, the columns that hold a latency histogram, and what a target derives instead of
// storing.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/transfer/transfer_row.hpp"
#include "store/transfer/transfer_stores.hpp"

namespace reinforge::store::transfer {

// A PostgreSQL column the writer fills from the row's copied columns, as the store's own writer
// does (traces.search: the words pg_text_search finds in the bodies).
struct ComputedColumn {
  const char* name;
  std::vector<const char*> inputs;  // copied columns, handed to `compute` in this order
  std::string (*compute)(std::span<const Value* const> inputs);
};

struct TableSpec {
  const char* name;
  std::vector<const char*> key = {};  // the primary key: rows are read in its order
  // A key the store draws (a PostgreSQL sequence, SQLite's rowid or AUTOINCREMENT): after a copy
  // the target draws past the highest id the source used.
  const char* drawn_id = nullptr;
  std::vector<const char*> histogram_columns = {};
  // Columns a backend derives (generated, or kept by the store's writes): never copied or compared.
  std::vector<const char*> derived_columns = {};
  std::vector<ComputedColumn> computed_on_postgresql = {};
  // When set, only rows matching this condition are the user's: the others are in every new store.
  const char* user_rows = nullptr;
};

// Every table copied, in copy order.
const std::vector<TableSpec>& transfer_tables();

// SQLite keeps the deployments' routes version in `settings` under this key, PostgreSQL in a
// one-row table `routes_version` (its row lock orders deployment changes): it travels as a
// settings row.
inline constexpr std::string_view kRoutesVersionKey = "routes_version";

// Tables that hold no data of their own on `backend`: the full-text indexes, the traces' counted
// size, schema bookkeeping, PostgreSQL's routes version (a settings row above). Not copied; the
// target brings them up to date (derived_data_statements).
bool is_derived_table(Backend backend, std::string_view table);

// The statements that bring a target's derived tables up to date once every row is in, each with
// what it does (for the summary). PostgreSQL's records.search is a generated column and
// traces.search is computed by the writer, so neither needs one.
struct DerivedStatement {
  const char* what;
  const char* sql;
};
std::span<const DerivedStatement> derived_data_statements(Backend backend);

}  // namespace reinforge::store::transfer
