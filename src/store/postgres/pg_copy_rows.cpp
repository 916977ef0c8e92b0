#include "store/postgres/pg_copy_rows.hpp"

#include <charconv>
#include <cmath>

namespace reinforge::store::postgres {

namespace {

// The length of the valid UTF-8 sequence at `text[at]`, or 0 when it is not one (overlong forms,
// surrogates and code points past U+10FFFF included, as PostgreSQL refuses them).
std::size_t utf8_sequence(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return lead == 0 ? 0 : 1;
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i)
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
  unsigned char second = byte(at + 1);
  if (lead == 0xE0 && second < 0xA0) return 0;   // overlong
  if (lead == 0xED && second >= 0xA0) return 0;  // surrogates
  if (lead == 0xF0 && second < 0x90) return 0;   // overlong
  if (lead == 0xF4 && second >= 0x90) return 0;  // past U+10FFFF
  return length;
}

// An ASCII byte that COPY's text format takes as it is: not NUL, not an escape's.
bool plain_ascii(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte > 0 && byte < 0x80 && c != '\\' && c != '\t' && c != '\n' && c != '\r';
}

}  // namespace

bool copies_unchanged(std::string_view value) {
  for (std::size_t at = 0; at < value.size();) {
    std::size_t length = utf8_sequence(value, at);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

std::string text_as_copied(std::string_view value) {
  std::string stored;
  stored.reserve(value.size());
  for (std::size_t at = 0; at < value.size();) {
    std::size_t length = utf8_sequence(value, at);
    if (length == 0) {
      stored += "\xEF\xBF\xBD";
      ++at;
    } else {
      stored.append(value.data() + at, length);
      at += length;
    }
  }
  return stored;
}

void PgCopyRows::separate() {
  if (row_started_) data_ += '\t';
  row_started_ = true;
}

std::size_t PgCopyRows::text(std::string_view value) {
  separate();
  std::size_t stored = 0;
  for (std::size_t at = 0; at < value.size();) {
    // Most of a body is plain ASCII that needs no escape: such a run goes in with one append
    // (byte by byte, this was the writer's largest cost after the search words).
    std::size_t run = at;
    while (run < value.size() && plain_ascii(value[run])) ++run;
    if (run > at) {
      data_.append(value.data() + at, run - at);
      stored += run - at;
      at = run;
      continue;
    }
    std::size_t length = utf8_sequence(value, at);
    if (length == 0) {
      data_ += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not text
      stored += 3;
      ++at;
      continue;
    }
    char c = value[at];
    switch (c) {
      case '\\':
        data_ += "\\\\";
        break;
      case '\t':
        data_ += "\\t";
        break;
      case '\n':
        data_ += "\\n";
        break;
      case '\r':
        data_ += "\\r";
        break;
      default:
        data_.append(value.data() + at, length);
    }
    stored += length;
    at += length;
  }
  return stored;
}

std::size_t PgCopyRows::text(const std::optional<std::string>& value) {
  if (!value) {
    null();
    return 0;
  }
  return text(*value);
}

void PgCopyRows::integer(int64_t value) {
  separate();
  char buffer[24];
  data_.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

void PgCopyRows::integer(const std::optional<int64_t>& value) {
  if (value) {
    integer(*value);
  } else {
    null();
  }
}

void PgCopyRows::real(double value) {
  separate();
  if (!std::isfinite(value)) {
    data_ += std::isnan(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    return;
  }
  char buffer[32];
  data_.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

void PgCopyRows::real(const std::optional<double>& value) {
  if (value) {
    real(*value);
  } else {
    null();
  }
}

void PgCopyRows::boolean(bool value) {
  separate();
  data_ += value ? 't' : 'f';
}

void PgCopyRows::null() {
  separate();
  data_ += "\\N";
}

void PgCopyRows::end_row() {
  data_ += '\n';
  row_started_ = false;
}

}  // namespace reinforge::store::postgres
