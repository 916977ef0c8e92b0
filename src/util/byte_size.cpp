#include "util/byte_size.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <limits>
#include <utility>

namespace reinforge::util {

namespace {

std::optional<int64_t> unit_bytes(std::string unit) {
  for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::array<std::pair<const char*, int64_t>, 9> units{{
      {"b", 1},
      {"kb", 1000},
      {"mb", 1000 * 1000},
      {"gb", 1000LL * 1000 * 1000},
      {"tb", 1000LL * 1000 * 1000 * 1000},
      {"kib", 1024},
      {"mib", 1024 * 1024},
      {"gib", 1024LL * 1024 * 1024},
      {"tib", 1024LL * 1024 * 1024 * 1024},
  }};
  if (unit.empty()) return 1;
  for (const auto& [name, bytes] : units) {
    if (unit == name) return bytes;
  }
  return std::nullopt;
}

}  // namespace

std::optional<int64_t> parse_byte_size(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  std::size_t at = 0;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t whole = 0;
  std::size_t digits = 0;
  for (; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])); ++at, ++digits) {
    if (whole > (kMax - 9) / 10) return std::nullopt;
    whole = whole * 10 + (text[at] - '0');
  }
  // Up to nine decimals, in billionths: integer arithmetic, so "1.1GB" is exactly 1100000000.
  int64_t fraction = 0;
  int64_t fraction_scale = 1;
  if (at < text.size() && text[at] == '.') {
    ++at;
    for (; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])); ++at, ++digits) {
      if (fraction_scale < 1000000000) {
        fraction = fraction * 10 + (text[at] - '0');
        fraction_scale *= 10;
      }
    }
  }
  if (digits == 0) return std::nullopt;
  if (at < text.size() && text[at] == ' ') ++at;
  auto unit = unit_bytes(std::string(text.substr(at)));
  if (!unit) return std::nullopt;
  if (whole > (kMax - *unit) / *unit) return std::nullopt;
  // fraction * unit / scale without overflow: both remainders are below 10^9.
  return whole * *unit + *unit / fraction_scale * fraction +
         *unit % fraction_scale * fraction / fraction_scale;
}

std::string format_byte_size(int64_t bytes) {
  static const std::array<const char*, 5> units{"B", "kB", "MB", "GB", "TB"};
  if (bytes < 1000) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 999.5 && unit + 1 < units.size()) {
    value /= 1000;
    ++unit;
  }
  const char* format = value < 9.995 ? "%.2f %s" : value < 99.95 ? "%.1f %s" : "%.0f %s";
  char text[32];
  std::snprintf(text, sizeof text, format, value, units[unit]);
  return text;
}

}  // namespace reinforge::util
