#pragma once
// UTF-8 checks for text that came from outside (a JSONL line, a file): the tokenizer's regex and
// PostgreSQL's TEXT both refuse invalid UTF-8.
#include <string>
#include <string_view>

namespace reinforge::util {

// Well-formed UTF-8: no stray or missing continuation bytes, no overlong forms, no surrogates,
// nothing past U+10FFFF.
bool is_valid_utf8(std::string_view text);

// Each byte that does not start a well-formed character becomes U+FFFD, as Python's
// decode(errors="replace") does; valid text comes back unchanged.
std::string replace_invalid_utf8(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` that does not cut a UTF-8 character.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

}  // namespace reinforge::util
