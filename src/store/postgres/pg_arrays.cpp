#include "store/postgres/pg_arrays.hpp"

#include <charconv>

namespace reinforge::store::postgres {

ArrayLiteral& ArrayLiteral::add(int64_t value) {
  separate();
  text_ += std::to_string(value);
  return *this;
}

ArrayLiteral& ArrayLiteral::add(double value) {
  separate();
  char buffer[32];
  text_.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
  return *this;
}

ArrayLiteral& ArrayLiteral::add(bool value) {
  separate();
  text_ += value ? 't' : 'f';
  return *this;
}

ArrayLiteral& ArrayLiteral::add(const std::string& value) {
  // Quoted, so commas, braces, spaces and the word NULL stay text; only " and \ are escaped.
  separate();
  text_ += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') text_ += '\\';
    text_ += c;
  }
  text_ += '"';
  return *this;
}

ArrayLiteral& ArrayLiteral::add_null() {
  separate();
  text_ += "NULL";
  return *this;
}

std::string bigint_array(std::span<const int64_t> ids) {
  ArrayLiteral array;
  for (int64_t id : ids) array.add(id);
  return array.text();
}

}  // namespace reinforge::store::postgres
