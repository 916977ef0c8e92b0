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

}  // namespace reinforge::store
