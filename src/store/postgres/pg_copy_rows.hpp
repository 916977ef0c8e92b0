#pragma once
// Rows for PgConnection::copy_rows in COPY's text format: fields separated by tabs, rows by
// newlines, NULL as \N, and backslash, tab, newline and carriage return escaped. Text that is
// not valid UTF-8, or holds a NUL byte, would make the server refuse the whole COPY (and the
// batch with it), so such bytes are stored as U+FFFD instead.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::store::postgres {

// Whether text() stores `value` as it is: valid UTF-8 without a NUL byte.
bool copies_unchanged(std::string_view value);
// `value` as text() stores it, U+FFFD for each byte that cannot be (what a row read back holds);
// PgConnection binds text parameters the same way.
std::string text_as_copied(std::string_view value);

class PgCopyRows {
 public:
  // Each returns the bytes the field stores (what octet_length() will say), 0 for NULL.
  std::size_t text(std::string_view value);
  std::size_t text(const std::string& value) { return text(std::string_view(value)); }
  std::size_t text(const std::optional<std::string>& value);
  void integer(int64_t value);
  void integer(const std::optional<int64_t>& value);
  void real(double value);
  void real(const std::optional<double>& value);
  void boolean(bool value);
  void null();
  void end_row();

  const std::string& data() const { return data_; }
  bool empty() const { return data_.empty(); }
  // After the rows so far were sent (a COPY fed in parts): the next row starts an empty buffer
  // that keeps its capacity.
  void clear() { data_.clear(); }

 private:
  void separate();
  std::string data_;
  bool row_started_ = false;
};

}  // namespace reinforge::store::postgres
