#pragma once
// Users, sessions, API tokens, the audit log and failed sign-ins in the store (docs/access.md).
// Role checks, password hashing and the sign-in limits live in src/access; this is only what is
// kept.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/access_types.hpp"
#include "store/store.hpp"

namespace reinforge::store {

// Thrown when a change would leave no admin.
struct LastAdminError : ConflictError {
  using ConflictError::ConflictError;
};

class AccessStore {
 public:
  virtual ~AccessStore() = default;

  // Throws ConflictError when the name is taken (names compare without case).
  virtual User create_user(const std::string& name, const std::string& role,
                           const std::string& password_hash) = 0;
  virtual std::optional<User> find_user(int64_t id) = 0;
  virtual std::optional<User> find_user_by_name(const std::string& name) = 0;
  // By name, with their live sessions and API tokens counted.
  virtual std::vector<User> list_users(int64_t now) = 0;
  virtual int64_t count_users() = 0;
  // These refuse (LastAdminError) to leave the store without an admin, checked in the same
  // transaction as the change so two concurrent demotions cannot both pass.
  virtual std::optional<User> set_role(int64_t user_id, const std::string& role) = 0;
  virtual bool remove_user(int64_t user_id) = 0;  // with their sessions and tokens
  // Ends every session of the user but `keep_session_sha256` (the one changing its password);
  // `end_tokens` also revokes their API tokens (an admin's reset: the account may be stolen).
  virtual bool set_password(int64_t user_id, const std::string& password_hash,
                            const std::string& keep_session_sha256, bool end_tokens) = 0;

  virtual void create_session(const UserSession& session) = 0;
  virtual std::optional<UserSession> find_session(const std::string& secret_sha256) = 0;
  virtual void touch_session(const std::string& secret_sha256, int64_t now, int64_t expires_at) = 0;
  virtual void delete_session(const std::string& secret_sha256) = 0;
  // Ends every session of the user and revokes their API tokens; returns how many ended.
  virtual int64_t sign_out_everywhere(int64_t user_id) = 0;
  virtual int64_t delete_expired_sessions(int64_t now) = 0;

  virtual ApiToken create_token(const ApiToken& token) = 0;
  virtual std::optional<ApiToken> find_token(const std::string& token_sha256) = 0;
  virtual std::vector<ApiToken> list_tokens(int64_t user_id) = 0;  // newest first
  virtual bool delete_token(int64_t token_id, int64_t user_id) = 0;
  virtual void touch_token(int64_t token_id, int64_t now) = 0;

  virtual void append_audit(const AuditEntry& entry) = 0;
  virtual std::vector<AuditEntry> list_audit(const AuditFilter& filter) = 0;  // newest first
  // Oldest first, for an export; stops when `visit` returns false.
  virtual void for_each_audit(const AuditFilter& filter,
                              const std::function<bool(const AuditEntry&)>& visit) = 0;
  virtual std::vector<std::string> audit_actions() = 0;

  // Failed sign-ins, here so that every instance on one store counts the same ones; the limits,
  // the window and the wait are access::SignInLimiter's. Each call is its own committed statement:
  // what it wrote is seen by every instance's next read (the limiter's count relies on that).
  // Adds a failure under `key` at `at_ms`; returns its id.
  virtual int64_t add_sign_in_failure(const SignInKey& key, int64_t at_ms) = 0;
  // The key's newest failures later than `after_ms`, newest first, at most `limit`.
  virtual std::vector<SignInFailure> recent_sign_in_failures(const SignInKey& key, int64_t after_ms,
                                                             int64_t limit) = 0;
  virtual void delete_sign_in_failure(int64_t id) = 0;
  virtual void clear_sign_in_failures(const SignInKey& key) = 0;
  // Deletes at most `max_rows` failures at or before `before_ms`, oldest first; how many it did.
  virtual int64_t prune_sign_in_failures(int64_t before_ms, int64_t max_rows) = 0;
};

std::unique_ptr<AccessStore> open_sqlite_access_store(const std::filesystem::path& data_dir);

}  // namespace reinforge::store
