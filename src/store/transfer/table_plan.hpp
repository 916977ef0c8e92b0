#pragma once
// Which columns of each listed table are copied, and as what: the columns both schemas have,
// less those a backend derives, with their kind (transfer_row.hpp). Built from the two stores'
// schemas as they are, so it follows the migrations of both backends by itself; what only one
// side has is reported, never silently dropped.
#include <map>
#include <string>
#include <vector>

#include "store/transfer/transfer_row.hpp"
#include "store/transfer/transfer_stores.hpp"
#include "store/transfer/transfer_tables.hpp"

namespace reinforge::store::transfer {

struct SchemaColumn {
  std::string name;
  std::string
      type;  // as the schema declares it, lower case ("integer", "bigint", "ARRAY" as "array")
  bool generated = false;  // PostgreSQL's GENERATED ALWAYS
};
// Table name -> its columns in declaration order.
using Schema = std::map<std::string, std::vector<SchemaColumn>, std::less<>>;

struct ColumnPlan {
  std::string name;
  ColumnKind kind;
};

struct TablePlan {
  const TableSpec* spec;
  std::vector<ColumnPlan> columns;  // copied and compared, read in this order from either side
};

struct TransferPlan {
  std::vector<TablePlan> tables;
  // For the person: columns only one side has, tables only the source has.
  std::vector<std::string> notes;
};

// Throws std::runtime_error when a listed table is missing on either side or a column's type
// cannot be carried.
TransferPlan plan_transfer(const Schema& source, Backend source_backend, const Schema& target,
                           Backend target_backend);

// SQL text for names that come from the table list and the schemas, never from input.
std::string quote_identifier(const std::string& name);
std::string column_list(const TablePlan& plan);  // "a", "b", ...
std::string key_list(const TablePlan& plan);     // "id" or "run_id", "record_id"

}  // namespace reinforge::store::transfer
