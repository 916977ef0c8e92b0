#pragma once
// A JSON object written member by member straight into a string, for the translations' hot
// paths. nlohmann::json::dump writes members sorted by key; the translations give them in that
// order, so that their text stays byte for byte what it was when they built nlohmann documents.
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/json_string.hpp"

namespace reinforge::protocols {

// Appends a decimal integer.
inline void append_number(std::string& out, int64_t value) {
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  // `key` is a plain ASCII name, written as it is.
  std::string& key(std::string_view key) {
    out_ += first_ ? "\"" : ",\"";
    first_ = false;
    out_.append(key);
    out_ += "\":";
    return out_;
  }
  JsonObjectWriter& string(std::string_view name, std::string_view value) {
    util::append_json_string(key(name), value);
    return *this;
  }
  JsonObjectWriter& number(std::string_view name, int64_t value) {
    append_number(key(name), value);
    return *this;
  }
  // `json_text` is already JSON (null, an object written elsewhere, ...).
  JsonObjectWriter& raw(std::string_view name, std::string_view json_text) {
    key(name).append(json_text);
    return *this;
  }
  void close() { out_ += '}'; }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace reinforge::protocols
