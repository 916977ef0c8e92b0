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

}  // namespace reinforge::util
