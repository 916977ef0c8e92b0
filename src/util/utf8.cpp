#include "util/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace reinforge::util {
namespace {

// The length of the well-formed character at `i`, or 0 when its bytes are not one.
std::size_t character_length(std::string_view text, std::size_t i) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  unsigned char c = bytes[i];
  std::size_t length = c < 0x80           ? 1
                       : (c >> 5) == 0x6  ? 2
                       : (c >> 4) == 0xE  ? 3
                       : (c >> 3) == 0x1E ? 4
                                          : 0;
  if (!length || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((bytes[i + k] & 0xC0) != 0x80) return 0;
  }
  if (length == 1) return 1;
  // Overlong forms and surrogates are refused (by PCRE2 and by PostgreSQL alike).
  uint32_t cp = length == 2 ? ((c & 0x1F) << 6) | (bytes[i + 1] & 0x3F)
                : length == 3
                    ? ((c & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F)
                    : ((c & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) |
                          ((bytes[i + 2] & 0x3F) << 6) | (bytes[i + 3] & 0x3F);
  bool ok = (length == 2 && cp >= 0x80) ||
            (length == 3 && cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) ||
            (length == 4 && cp >= 0x10000 && cp <= 0x10FFFF);
  return ok ? length : 0;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // Eight ASCII bytes at a time: most of a chat's text (tokenizing checks every string first).
    if (i + 8 <= text.size()) {
      uint64_t eight = 0;
      std::memcpy(&eight, text.data() + i, 8);
      if ((eight & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    std::size_t length = character_length(text, i);
    if (!length) return false;
    i += length;
  }
  return true;
}

std::string replace_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = character_length(text, i);
    if (length) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Back off continuation bytes (10xxxxxx) so the cut falls before a character's first byte.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace reinforge::util
