#include "store/record_columns.hpp"

namespace reinforge::store {

std::string record_columns_of(std::string_view table) {
  std::string columns;
  std::string_view rest = kRecordColumns;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto name = rest.substr(0, comma);
    while (name.starts_with(' ')) name.remove_prefix(1);
    if (!columns.empty()) columns += ", ";
    columns.append(table).append(".").append(name);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return columns;
}

void add_record_filters(SqlBuilder& sql, const RecordFilter& filter) {
  if (filter.valid) sql.add(" AND r.valid = ?", {int64_t{*filter.valid ? 1 : 0}});
  if (filter.origin) sql.add(" AND r.origin = ?", {*filter.origin});
  if (filter.topic) {
    if (filter.topic->empty()) {
      sql.add(" AND r.valid = ? AND r.topic IS NULL", {int64_t{1}});
    } else {
      sql.add(" AND r.topic = ?", {*filter.topic});
    }
  }
  if (filter.confidence) {
    switch (*filter.confidence) {
      case ConfidenceBand::high:
        sql.add(" AND r.confidence >= 0.85");
        break;
      case ConfidenceBand::medium:
        sql.add(" AND r.confidence >= 0.7 AND r.confidence < 0.85");
        break;
      case ConfidenceBand::low:
        sql.add(" AND r.confidence < 0.7");
        break;
    }
  }
}

}  // namespace reinforge::store
