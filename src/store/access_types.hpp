#pragma once
// Rows of team access (docs/access.md): users, their sessions and API tokens, the audit log and
// failed sign-ins. Plain types; no SQL and no JSON library here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::store {

struct User {
  int64_t id = 0;
  std::string name;
  std::string role;           // "viewer", "editor" or "admin"
  std::string password_hash;  // yescrypt; empty: cannot sign in with a password
  int64_t created_at = 0;     // Unix seconds
  std::optional<int64_t> last_sign_in_at;
  int64_t sessions = 0;  // live sessions (list_users only)
  int64_t tokens = 0;    // API tokens (list_users only)
};

// Only the secret's hash is kept: a copy of the database opens no session.
struct UserSession {
  std::string secret_sha256;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  int64_t expires_at = 0;  // the idle and absolute limits, whichever comes first
  std::string remote_address;
};

struct ApiToken {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string name;
  std::string prefix;  // the first characters, to tell tokens apart in a list
  std::string token_sha256;
  int64_t created_at = 0;
  std::optional<int64_t> last_used_at;
};

struct AuditEntry {
  int64_t id = 0;
  int64_t at = 0;  // Unix milliseconds
  std::optional<int64_t> user_id;
  std::string user_name;  // as it was then: the user may be renamed or removed later
  std::string via;        // "session", "token", "admin_token", "cli"
  std::string action;     // "dataset.create", ...
  std::string method;
  std::string path;
  int status = 0;
  std::string target_json = "{}";  // the route's parameters and a created object's id
  std::string remote_address;
};

// What a failed sign-in is counted under (access/sign_in_limiter.hpp holds the limits).
enum class SignInKeyKind { name, address };

// The stored form of each kind (sign_in_failures.kind).
constexpr std::string_view sign_in_key_kind_text(SignInKeyKind kind) {
  return kind == SignInKeyKind::name ? "name" : "address";
}

struct SignInKey {
  SignInKeyKind kind = SignInKeyKind::name;
  std::string value;  // a lowercased user name, or a client's address
};

struct SignInFailure {
  int64_t id = 0;
  int64_t at_ms = 0;  // Unix milliseconds on the wall clock of the instance that counted it
};

struct AuditFilter {
  std::optional<std::string> user_name;
  std::optional<std::string> action;
  std::optional<int64_t> before_id;  // keyset: entries older than this one
  int64_t limit = 50;
};

}  // namespace reinforge::store
