#pragma once
// SQL text assembled from fixed fragments, with the values for its "?" placeholders kept beside
// it in order (run on SQLite by prepare(), on PostgreSQL through numbered_sql()): queries that
// differ by which filters are given (so each can use the index that serves it) without ever
// splicing a value into the text.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/sqlite_connection.hpp"

namespace reinforge::store {

// "SELECT columns rest": a row reader's fixed column list with the query's own clauses.
inline std::string select_from(const char* columns, const char* rest) {
  return std::string("SELECT ") + columns + " " + rest;
}

class SqlBuilder {
 public:
  using Value = std::variant<int64_t, double, std::string>;

  // Fixed SQL text; its "?" placeholders take the values passed, in order.
  SqlBuilder& add(std::string_view sql, std::initializer_list<Value> values = {}) {
    sql_ += sql;
    values_.insert(values_.end(), values.begin(), values.end());
    return *this;
  }
  SqlBuilder& add(const SqlBuilder& other) {
    sql_ += other.sql_;
    values_.insert(values_.end(), other.values_.begin(), other.values_.end());
    return *this;
  }
  const std::string& sql() const { return sql_; }
  const std::vector<Value>& values() const { return values_; }

  // The text with PostgreSQL's numbered placeholders ("?" → "$1", "$2"...): the fixed fragments
  // hold no "?" of their own, so each one is a value's.
  std::string numbered_sql() const {
    std::string numbered;
    int next = 0;
    for (char c : sql_) {
      if (c == '?') {
        numbered += '$' + std::to_string(++next);
      } else {
        numbered += c;
      }
    }
    return numbered;
  }

  // Prepares the text (cached by the connection) and binds every value.
  Statement prepare(Connection& connection) const {
    auto statement = connection.prepare(sql_);
    for (std::size_t i = 0; i < values_.size(); ++i) {
      std::visit([&](const auto& value) { statement.bind(static_cast<int>(i + 1), value); },
                 values_[i]);
    }
    return statement;
  }

 private:
  std::string sql_;
  std::vector<Value> values_;
};

}  // namespace reinforge::store
