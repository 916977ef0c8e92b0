#include "access/passwords.hpp"

#include <crypt.h>

#include <memory>
#include <stdexcept>

#include "util/secure_token.hpp"

namespace reinforge::access {

namespace {

// crypt_rn's output, or nothing when libcrypt refuses (it returns "*0"-style failure tokens).
std::optional<std::string> run_crypt(const std::string& password, const char* setting) {
  auto data = std::make_unique<crypt_data>();  // ~32 KB: not on the handler thread's stack
  const char* hashed = crypt_rn(password.c_str(), setting, data.get(), sizeof(crypt_data));
  if (!hashed || hashed[0] == '*') return std::nullopt;
  return std::string(hashed);
}

std::string new_setting() {
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  // Count 0: libcrypt's default cost for yescrypt; random salt from the OS.
  if (!crypt_gensalt_rn("$y$", 0, nullptr, 0, setting, sizeof setting)) {
    throw std::runtime_error("libcrypt cannot make a yescrypt salt");
  }
  return setting;
}

// What an unknown user's password is checked against: the same work as a real check.
const std::string& decoy_hash() {
  static const std::string hash = hash_password(util::generate_secret("decoy-"));
  return hash;
}

}  // namespace

std::string hash_password(std::string_view password) {
  auto hashed = run_crypt(std::string(password), new_setting().c_str());
  if (!hashed) throw std::runtime_error("libcrypt could not hash the password");
  return *hashed;
}

bool verify_password(std::string_view password, const std::string& stored_hash) {
  const std::string& against = stored_hash.empty() ? decoy_hash() : stored_hash;
  auto hashed = run_crypt(std::string(password), against.c_str());
  bool same = hashed && util::constant_time_equals(*hashed, against);
  return same && !stored_hash.empty();
}

std::optional<std::string> password_problem(std::string_view password) {
  if (password.size() < 8) return "A password needs at least 8 characters.";
  // libcrypt refuses passphrases of CRYPT_MAX_PASSPHRASE_SIZE (512) bytes or more.
  if (password.size() >= CRYPT_MAX_PASSPHRASE_SIZE) return "A password may have at most 511 bytes.";
  if (password.find('\0') != std::string_view::npos) return "A password cannot contain a NUL character.";
  return std::nullopt;
}

std::optional<std::string> user_name_problem(std::string_view name) {
  if (name.empty() || name.size() > 64) return "A user name has 1 to 64 characters.";
  for (char c : name) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '_' || c == '-' || c == '@';
    if (!allowed) return "A user name may only have letters, digits, '.', '_', '-' and '@'.";
  }
  return std::nullopt;
}

}  // namespace reinforge::access
