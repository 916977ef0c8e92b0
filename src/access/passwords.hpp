#pragma once
// Passwords kept as yescrypt hashes (libcrypt): slow and salted, so a copied database does not
// give them away. Names and passwords are checked here for what docs/access.md allows.
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::access {

std::string hash_password(std::string_view password);
// False for an empty `stored_hash` (a user who cannot sign in with a password); takes as long as
// a real check either way, so the answer's time does not say whether the user exists.
bool verify_password(std::string_view password, const std::string& stored_hash);

// A message saying what is wrong, or nothing when the value is acceptable.
std::optional<std::string> password_problem(std::string_view password);
std::optional<std::string> user_name_problem(std::string_view name);

}  // namespace reinforge::access
