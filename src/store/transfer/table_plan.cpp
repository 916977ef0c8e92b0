#include "store/transfer/table_plan.hpp"

#include <algorithm>
#include <stdexcept>

namespace reinforge::store::transfer {

namespace {

bool listed(const std::vector<const char*>& names, const std::string& name) {
  return std::any_of(names.begin(), names.end(),
                     [&](const char* listed) { return name == listed; });
}

const SchemaColumn* find_column(const std::vector<SchemaColumn>& columns, const std::string& name) {
  for (const auto& column : columns)
    if (column.name == name) return &column;
  return nullptr;
}

// A column's kind from its PostgreSQL type (information_schema's data_type).
ColumnKind kind_of_pg_column(const TableSpec& spec, const SchemaColumn& column) {
  const auto& type = column.type;
  if (listed(spec.histogram_columns, column.name)) {
    if (type != "array") {
      throw std::runtime_error(std::string(spec.name) + "." + column.name +
                               " should be a bigint[] latency histogram on PostgreSQL, not " +
                               type);
    }
    return ColumnKind::latency_histogram;
  }
  if (type == "bigint" || type == "integer" || type == "smallint") return ColumnKind::integer;
  if (type == "double precision" || type == "real") return ColumnKind::real;
  if (type == "text" || type == "character varying") return ColumnKind::text;
  if (type == "boolean") return ColumnKind::boolean;
  throw std::runtime_error("cannot copy " + std::string(spec.name) + "." + column.name +
                           ": PostgreSQL type " + type + " is not one reinforge migrate knows");
}

}  // namespace

TransferPlan plan_transfer(const Schema& source, Backend source_backend, const Schema& target,
                           Backend target_backend) {
  TransferPlan plan;
  const bool sqlite_only = source_backend == Backend::sqlite && target_backend == Backend::sqlite;
  for (const auto& spec : transfer_tables()) {
    auto from = source.find(spec.name);
    auto to = target.find(spec.name);
    if (from == source.end() || to == target.end()) {
      throw std::runtime_error(std::string("table ") + spec.name + " is missing from the " +
                               (from == source.end() ? "source" : "target") +
                               ": is it a Reinforge store?");
    }
    TablePlan table{&spec, {}};
    for (const auto& column : from->second) {
      if (listed(spec.derived_columns, column.name) || column.generated) continue;
      const SchemaColumn* other = find_column(to->second, column.name);
      if (!other) {
        plan.notes.push_back(std::string(spec.name) + "." + column.name +
                             " exists only in the source: not copied");
        continue;
      }
      if (other->generated) continue;
      ColumnKind kind = ColumnKind::as_stored;
      if (!sqlite_only) {
        const auto& pg_column = source_backend == Backend::postgresql ? column : *other;
        kind = kind_of_pg_column(spec, pg_column);
      }
      table.columns.push_back({column.name, kind});
    }
    for (const auto& column : to->second) {
      bool computed =
          target_backend == Backend::postgresql &&
          std::any_of(spec.computed_on_postgresql.begin(), spec.computed_on_postgresql.end(),
                      [&](const ComputedColumn& c) { return column.name == c.name; });
      if (computed || column.generated || listed(spec.derived_columns, column.name)) continue;
      if (!find_column(from->second, column.name)) {
        plan.notes.push_back(std::string(spec.name) + "." + column.name +
                             " exists only in the target: left to its default");
      }
    }
    for (const char* key : spec.key) {
      if (std::none_of(table.columns.begin(), table.columns.end(),
                       [&](const ColumnPlan& c) { return c.name == key; })) {
        throw std::runtime_error(std::string("the key column ") + spec.name + "." + key +
                                 " is not in both stores");
      }
    }
    plan.tables.push_back(std::move(table));
  }
  for (const auto& [name, columns] : source) {
    bool copied = std::any_of(transfer_tables().begin(), transfer_tables().end(),
                              [&](const TableSpec& spec) { return name == spec.name; });
    if (!copied && !is_derived_table(source_backend, name)) {
      plan.notes.push_back("table " + name + " is not a Reinforge table: not copied");
    }
  }
  return plan;
}

std::string quote_identifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string column_list(const TablePlan& plan) {
  std::string list;
  for (const auto& column : plan.columns) {
    if (!list.empty()) list += ", ";
    list += quote_identifier(column.name);
  }
  return list;
}

std::string key_list(const TablePlan& plan) {
  std::string list;
  for (const char* key : plan.spec->key) {
    if (!list.empty()) list += ", ";
    list += quote_identifier(key);
  }
  return list;
}

}  // namespace reinforge::store::transfer
