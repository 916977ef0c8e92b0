#include "util/page_cursor.hpp"

#include <charconv>

namespace reinforge::util {

namespace {

constexpr std::string_view kVersion = "c1";
constexpr std::size_t kMaxKeyParts = 8;

void append_hex(std::string& out, uint64_t value) {
  char digits[16];
  auto [end, error] = std::to_chars(digits, digits + sizeof digits, value, 16);
  out.append(digits, end);
}

std::optional<uint64_t> parse_hex(std::string_view text) {
  if (text.empty() || text.size() > 16) return std::nullopt;
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string encode_page_cursor(const PageCursor& cursor) {
  std::string out(kVersion);
  out += '.';
  append_hex(out, cursor.query_fingerprint);
  for (int64_t part : cursor.after) {
    out += '.';
    append_hex(out, static_cast<uint64_t>(part));
  }
  return out;
}

std::optional<PageCursor> decode_page_cursor(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    auto dot = text.find('.', start);
    fields.push_back(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (fields.size() < 3 || fields.size() > 2 + kMaxKeyParts || fields[0] != kVersion)
    return std::nullopt;
  PageCursor cursor;
  auto fingerprint = parse_hex(fields[1]);
  if (!fingerprint) return std::nullopt;
  cursor.query_fingerprint = *fingerprint;
  for (std::size_t i = 2; i < fields.size(); ++i) {
    auto part = parse_hex(fields[i]);
    if (!part) return std::nullopt;
    cursor.after.push_back(static_cast<int64_t>(*part));
  }
  return cursor;
}

uint64_t query_fingerprint(const std::map<std::string, std::string>& fields) {
  // FNV-1a with separators that cannot occur in the framing, so ("a","bc") and ("ab","c") differ.
  uint64_t hash = 1469598103934665603ull;
  auto mix = [&](std::string_view text) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;
    hash *= 1099511628211ull;
  };
  for (const auto& [name, value] : fields) {
    mix(name);
    mix(std::to_string(value.size()));
    mix(value);
  }
  return hash;
}

}  // namespace reinforge::util
