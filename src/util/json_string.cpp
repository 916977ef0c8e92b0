#include "util/json_string.hpp"

#include <cstdint>

namespace reinforge::util {

namespace {

// How many bytes the well-formed UTF-8 sequence at `at` takes (RFC 3629, table 3-7 of the
// Unicode standard: no overlong forms, no surrogates, nothing past U+10FFFF); 0 when it is not
// one. `bad` is then where the ill-formed part ends: after the lead byte when that byte cannot
// start a sequence, else at the first byte that breaks it (which is read again), as nlohmann's
// decoder does.
size_t utf8_sequence(std::string_view text, size_t at, size_t& bad) {
  const auto lead = static_cast<uint8_t>(text[at]);
  size_t length = 0;
  uint8_t low = 0x80, high = 0xBF;  // the range of the byte after the lead
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    bad = at + 1;
    return 0;
  }
  for (size_t i = 1; i < length; ++i) {
    if (at + i >= text.size()) {
      bad = text.size();
      return 0;
    }
    const auto byte = static_cast<uint8_t>(text[at + i]);
    if (byte < low || byte > high) {
      bad = at + i;
      return 0;
    }
    low = 0x80;
    high = 0xBF;
  }
  return length;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  size_t run = 0;  // start of the bytes not yet appended, all to be copied as they are
  size_t at = 0;
  while (at < text.size()) {
    const auto byte = static_cast<uint8_t>(text[at]);
    if (byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\') {
      ++at;
      continue;
    }
    if (byte >= 0x80) {
      size_t bad = 0;
      if (size_t length = utf8_sequence(text, at, bad)) {
        at += length;
        continue;
      }
      out.append(text.substr(run, at - run));
      out += "\xEF\xBF\xBD";
      at = run = bad;
      continue;
    }
    out.append(text.substr(run, at - run));
    switch (byte) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += "\\u00";
        out += kHex[byte >> 4];
        out += kHex[byte & 0xF];
    }
    run = ++at;
  }
  out.append(text.substr(run));
  out += '"';
}

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

}  // namespace reinforge::util
