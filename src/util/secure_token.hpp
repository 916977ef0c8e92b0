#pragma once
// Secrets handed to people (admin token, gateway keys) and how they are kept: only hashes
// are stored, and comparisons take the same time whatever the input.
#include <string>
#include <string_view>

namespace reinforge::util {

// `prefix` followed by 32 random bytes from the OS CSPRNG, hex encoded.
std::string generate_secret(std::string_view prefix);
// Lowercase hex SHA-256.
std::string sha256_hex(std::string_view data);
bool constant_time_equals(std::string_view a, std::string_view b);
// `text` with every occurrence of `secret` replaced by "[key]": a provider that echoes the key
// it was sent (in an error body, say) must not put it into a trace, a log or an answer.
std::string without_secret(std::string text, std::string_view secret);

}  // namespace reinforge::util
