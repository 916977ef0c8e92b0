#pragma once
// Array literals ("{1,2,NULL}", "{\"a\",\"b\"}") for one bound parameter that carries a whole
// batch: unnest($1::bigint[], ...) inserts or updates thousands of rows in one round trip instead
// of one statement per row. Values are escaped here, never spliced into SQL.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace reinforge::store::postgres {

class ArrayLiteral {
 public:
  ArrayLiteral& add(int64_t value);
  ArrayLiteral& add(double value);
  ArrayLiteral& add(bool value);
  ArrayLiteral& add(const std::string& value);
  template <typename T>
  ArrayLiteral& add(const std::optional<T>& value) {
    if (value) return add(*value);
    return add_null();
  }
  ArrayLiteral& add_null();
  std::string text() const { return text_ + "}"; }

 private:
  void separate() {
    if (text_.size() > 1) text_ += ',';
  }
  std::string text_ = "{";
};

std::string bigint_array(std::span<const int64_t> ids);

}  // namespace reinforge::store::postgres
