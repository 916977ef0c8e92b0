#include <mutex>

#include "store/access_store.hpp"
#include "store/migrations.hpp"
#include "store/sql_builder.hpp"
#include "store/sqlite_connection.hpp"

namespace reinforge::store {
namespace {

constexpr const char* kUserColumns = "id, name, role, password_hash, created_at, last_sign_in_at";
constexpr const char* kSessionColumns =
    "secret_sha256, user_id, csrf_token, created_at, last_seen_at, expires_at, remote_address";
constexpr const char* kTokenColumns =
    "id, user_id, name, prefix, token_sha256, created_at, last_used_at";
constexpr const char* kAuditColumns =
    "id, at, user_id, user_name, via, action, method, path, status, target_json, remote_address";

User read_user(const Statement& row) {
  User user;
  user.id = row.column_int(0);
  user.name = row.column_text(1);
  user.role = row.column_text(2);
  user.password_hash = row.column_text(3);
  user.created_at = row.column_int(4);
  user.last_sign_in_at = row.column_optional_int(5);
  return user;
}

UserSession read_session(const Statement& row) {
  UserSession session;
  session.secret_sha256 = row.column_text(0);
  session.user_id = row.column_int(1);
  session.csrf_token = row.column_text(2);
  session.created_at = row.column_int(3);
  session.last_seen_at = row.column_int(4);
  session.expires_at = row.column_int(5);
  session.remote_address = row.column_text(6);
  return session;
}

ApiToken read_token(const Statement& row) {
  ApiToken token;
  token.id = row.column_int(0);
  token.user_id = row.column_int(1);
  token.name = row.column_text(2);
  token.prefix = row.column_text(3);
  token.token_sha256 = row.column_text(4);
  token.created_at = row.column_int(5);
  token.last_used_at = row.column_optional_int(6);
  return token;
}

AuditEntry read_audit(const Statement& row) {
  AuditEntry entry;
  entry.id = row.column_int(0);
  entry.at = row.column_int(1);
  entry.user_id = row.column_optional_int(2);
  entry.user_name = row.column_text(3);
  entry.via = row.column_text(4);
  entry.action = row.column_text(5);
  entry.method = row.column_text(6);
  entry.path = row.column_text(7);
  entry.status = static_cast<int>(row.column_int(8));
  entry.target_json = row.column_text(9);
  entry.remote_address = row.column_text(10);
  return entry;
}

// The filter's WHERE clause; each given filter uses its own index in id order.
SqlBuilder audit_query(const AuditFilter& filter, bool newest_first) {
  SqlBuilder query;
  query.add("SELECT ").add(kAuditColumns).add(" FROM audit_log WHERE 1");
  if (filter.user_name) query.add(" AND user_name = ? COLLATE NOCASE", {*filter.user_name});
  if (filter.action) query.add(" AND action = ?", {*filter.action});
  if (filter.before_id) query.add(" AND id < ?", {*filter.before_id});
  query.add(newest_first ? " ORDER BY id DESC" : " ORDER BY id");
  if (newest_first) query.add(" LIMIT ?", {filter.limit});
  return query;
}

class SqliteAccessStore final : public AccessStore {
 public:
  explicit SqliteAccessStore(const std::filesystem::path& db_file) : connection_(db_file) {
    apply_migrations(connection_);
  }

  User create_user(const std::string& name, const std::string& role,
                   const std::string& password_hash) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, "
        "unixepoch())");
    statement.bind(1, name).bind(2, role).bind(3, password_hash);
    try {
      statement.execute();
    } catch (const std::invalid_argument&) {
      throw ConflictError("A user named '" + name + "' already exists.");
    }
    return *find_user_locked(connection_.last_insert_id());
  }

  std::optional<User> find_user(int64_t id) override {
    std::lock_guard lock(mutex_);
    return find_user_locked(id);
  }

  std::optional<User> find_user_by_name(const std::string& name) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(select_from(kUserColumns, "FROM users WHERE name = ?"));
    statement.bind(1, name);
    if (!statement.step()) return std::nullopt;
    return read_user(statement);
  }

  std::vector<User> list_users(int64_t now) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT id, name, role, password_hash, created_at, last_sign_in_at, "
        "(SELECT COUNT(*) FROM user_sessions s WHERE s.user_id = users.id AND s.expires_at > ?), "
        "(SELECT COUNT(*) FROM api_tokens t WHERE t.user_id = users.id) "
        "FROM users ORDER BY name");
    statement.bind(1, now);
    std::vector<User> users;
    while (statement.step()) {
      users.push_back(read_user(statement));
      users.back().sessions = statement.column_int(6);
      users.back().tokens = statement.column_int(7);
    }
    return users;
  }

  int64_t count_users() override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare("SELECT COUNT(*) FROM users");
    statement.step();
    return statement.column_int(0);
  }

  std::optional<User> set_role(int64_t user_id, const std::string& role) override {
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    auto user = find_user_locked(user_id);
    if (!user) return std::nullopt;
    if (user->role == "admin" && role != "admin") refuse_if_last_admin(user_id);
    connection_.prepare("UPDATE users SET role = ? WHERE id = ?").bind(1, role).bind(2, user_id).execute();
    transaction.commit();
    user->role = role;
    return user;
  }

  bool remove_user(int64_t user_id) override {
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    auto user = find_user_locked(user_id);
    if (!user) return false;
    if (user->role == "admin") refuse_if_last_admin(user_id);
    connection_.prepare("DELETE FROM user_sessions WHERE user_id = ?").bind(1, user_id).execute();
    connection_.prepare("DELETE FROM api_tokens WHERE user_id = ?").bind(1, user_id).execute();
    connection_.prepare("DELETE FROM users WHERE id = ?").bind(1, user_id).execute();
    transaction.commit();
    return true;
  }

  bool set_password(int64_t user_id, const std::string& password_hash,
                    const std::string& keep_session_sha256, bool end_tokens) override {
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    connection_.prepare("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(1, password_hash)
        .bind(2, user_id)
        .execute();
    if (connection_.changes() == 0) return false;
    connection_.prepare("DELETE FROM user_sessions WHERE user_id = ? AND secret_sha256 != ?")
        .bind(1, user_id)
        .bind(2, keep_session_sha256)
        .execute();
    if (end_tokens) connection_.prepare("DELETE FROM api_tokens WHERE user_id = ?").bind(1, user_id).execute();
    transaction.commit();
    return true;
  }

  void create_session(const UserSession& session) override {
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    connection_
        .prepare(
            "INSERT INTO user_sessions (secret_sha256, user_id, csrf_token, created_at, "
            "last_seen_at, expires_at, remote_address) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, session.secret_sha256)
        .bind(2, session.user_id)
        .bind(3, session.csrf_token)
        .bind(4, session.created_at)
        .bind(5, session.last_seen_at)
        .bind(6, session.expires_at)
        .bind(7, session.remote_address)
        .execute();
    connection_.prepare("UPDATE users SET last_sign_in_at = ? WHERE id = ?")
        .bind(1, session.created_at)
        .bind(2, session.user_id)
        .execute();
    transaction.commit();
  }

  std::optional<UserSession> find_session(const std::string& secret_sha256) override {
    std::lock_guard lock(mutex_);
    auto statement =
        connection_.prepare(select_from(kSessionColumns, "FROM user_sessions WHERE secret_sha256 = ?"));
    statement.bind(1, secret_sha256);
    if (!statement.step()) return std::nullopt;
    return read_session(statement);
  }

  void touch_session(const std::string& secret_sha256, int64_t now, int64_t expires_at) override {
    std::lock_guard lock(mutex_);
    connection_
        .prepare("UPDATE user_sessions SET last_seen_at = ?, expires_at = ? WHERE secret_sha256 = ?")
        .bind(1, now)
        .bind(2, expires_at)
        .bind(3, secret_sha256)
        .execute();
  }

  void delete_session(const std::string& secret_sha256) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("DELETE FROM user_sessions WHERE secret_sha256 = ?")
        .bind(1, secret_sha256)
        .execute();
  }

  int64_t sign_out_everywhere(int64_t user_id) override {
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    connection_.prepare("DELETE FROM user_sessions WHERE user_id = ?").bind(1, user_id).execute();
    int64_t ended = connection_.changes();
    connection_.prepare("DELETE FROM api_tokens WHERE user_id = ?").bind(1, user_id).execute();
    ended += connection_.changes();
    transaction.commit();
    return ended;
  }

  int64_t delete_expired_sessions(int64_t now) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("DELETE FROM user_sessions WHERE expires_at <= ?").bind(1, now).execute();
    return connection_.changes();
  }

  ApiToken create_token(const ApiToken& token) override {
    std::lock_guard lock(mutex_);
    connection_
        .prepare(
            "INSERT INTO api_tokens (user_id, name, prefix, token_sha256, created_at) VALUES (?, "
            "?, ?, ?, ?)")
        .bind(1, token.user_id)
        .bind(2, token.name)
        .bind(3, token.prefix)
        .bind(4, token.token_sha256)
        .bind(5, token.created_at)
        .execute();
    ApiToken created = token;
    created.id = connection_.last_insert_id();
    return created;
  }

  std::optional<ApiToken> find_token(const std::string& token_sha256) override {
    std::lock_guard lock(mutex_);
    auto statement =
        connection_.prepare(select_from(kTokenColumns, "FROM api_tokens WHERE token_sha256 = ?"));
    statement.bind(1, token_sha256);
    if (!statement.step()) return std::nullopt;
    return read_token(statement);
  }

  std::vector<ApiToken> list_tokens(int64_t user_id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        select_from(kTokenColumns, "FROM api_tokens WHERE user_id = ? ORDER BY id DESC"));
    statement.bind(1, user_id);
    std::vector<ApiToken> tokens;
    while (statement.step()) tokens.push_back(read_token(statement));
    return tokens;
  }

  bool delete_token(int64_t token_id, int64_t user_id) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("DELETE FROM api_tokens WHERE id = ? AND user_id = ?")
        .bind(1, token_id)
        .bind(2, user_id)
        .execute();
    return connection_.changes() > 0;
  }

  void touch_token(int64_t token_id, int64_t now) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
        .bind(1, now)
        .bind(2, token_id)
        .execute();
  }

  void append_audit(const AuditEntry& entry) override {
    std::lock_guard lock(mutex_);
    connection_
        .prepare(
            "INSERT INTO audit_log (at, user_id, user_name, via, action, method, path, status, "
            "target_json, remote_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, entry.at)
        .bind(2, entry.user_id)
        .bind(3, entry.user_name)
        .bind(4, entry.via)
        .bind(5, entry.action)
        .bind(6, entry.method)
        .bind(7, entry.path)
        .bind(8, entry.status)
        .bind(9, entry.target_json)
        .bind(10, entry.remote_address)
        .execute();
  }

  std::vector<AuditEntry> list_audit(const AuditFilter& filter) override {
    std::lock_guard lock(mutex_);
    auto statement = audit_query(filter, true).prepare(connection_);
    std::vector<AuditEntry> entries;
    while (statement.step()) entries.push_back(read_audit(statement));
    return entries;
  }

  void for_each_audit(const AuditFilter& filter,
                      const std::function<bool(const AuditEntry&)>& visit) override {
    // Pages of 1,000 in id order, the lock released between them, so an export of a long log
    // does not hold up the requests that append to it.
    int64_t after = 0;
    for (;;) {
      std::vector<AuditEntry> page;
      {
        std::lock_guard lock(mutex_);
        SqlBuilder query;
        query.add("SELECT ").add(kAuditColumns).add(" FROM audit_log WHERE id > ?", {after});
        if (filter.user_name) query.add(" AND user_name = ? COLLATE NOCASE", {*filter.user_name});
        if (filter.action) query.add(" AND action = ?", {*filter.action});
        query.add(" ORDER BY id LIMIT 1000");
        auto statement = query.prepare(connection_);
        while (statement.step()) page.push_back(read_audit(statement));
      }
      for (const auto& entry : page) {
        if (!visit(entry)) return;
      }
      if (page.size() < 1000) return;
      after = page.back().id;
    }
  }

  std::vector<std::string> audit_actions() override {
    std::lock_guard lock(mutex_);
    // DISTINCT over the action index: a skip-scan, not a read of every entry.
    auto statement = connection_.prepare("SELECT DISTINCT action FROM audit_log ORDER BY action");
    std::vector<std::string> actions;
    while (statement.step()) actions.push_back(statement.column_text(0));
    return actions;
  }

  int64_t add_sign_in_failure(const SignInKey& key, int64_t at_ms) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("INSERT INTO sign_in_failures (kind, key, at_ms) VALUES (?, ?, ?)")
        .bind(1, sign_in_key_kind_text(key.kind))
        .bind(2, key.value)
        .bind(3, at_ms)
        .execute();
    return connection_.last_insert_id();
  }

  std::vector<SignInFailure> recent_sign_in_failures(const SignInKey& key, int64_t after_ms,
                                                     int64_t limit) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT id, at_ms FROM sign_in_failures WHERE kind = ? AND key = ? AND at_ms > ? "
        "ORDER BY at_ms DESC, id DESC LIMIT ?");
    statement.bind(1, sign_in_key_kind_text(key.kind))
        .bind(2, key.value)
        .bind(3, after_ms)
        .bind(4, limit);
    std::vector<SignInFailure> failures;
    while (statement.step()) failures.push_back({statement.column_int(0), statement.column_int(1)});
    return failures;
  }

  void delete_sign_in_failure(int64_t id) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("DELETE FROM sign_in_failures WHERE id = ?").bind(1, id).execute();
  }

  void clear_sign_in_failures(const SignInKey& key) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("DELETE FROM sign_in_failures WHERE kind = ? AND key = ?")
        .bind(1, sign_in_key_kind_text(key.kind))
        .bind(2, key.value)
        .execute();
  }

  int64_t prune_sign_in_failures(int64_t before_ms, int64_t max_rows) override {
    std::lock_guard lock(mutex_);
    connection_
        .prepare(
            "DELETE FROM sign_in_failures WHERE id IN (SELECT id FROM sign_in_failures "
            "WHERE at_ms <= ? ORDER BY at_ms LIMIT ?)")
        .bind(1, before_ms)
        .bind(2, max_rows)
        .execute();
    return connection_.changes();
  }

 private:
  std::optional<User> find_user_locked(int64_t id) {
    auto statement = connection_.prepare(select_from(kUserColumns, "FROM users WHERE id = ?"));
    statement.bind(1, id);
    if (!statement.step()) return std::nullopt;
    return read_user(statement);
  }

  void refuse_if_last_admin(int64_t user_id) {
    auto statement =
        connection_.prepare("SELECT COUNT(*) FROM users WHERE role = 'admin' AND id != ?");
    statement.bind(1, user_id);
    statement.step();
    if (statement.column_int(0) == 0) {
      throw LastAdminError("This is the last admin: make another user admin first.");
    }
  }

  std::mutex mutex_;
  Connection connection_;
};

}  // namespace

std::unique_ptr<AccessStore> open_sqlite_access_store(const std::filesystem::path& data_dir) {
  std::filesystem::create_directories(data_dir);
  return std::make_unique<SqliteAccessStore>(data_dir / "reinforge.db");
}

}  // namespace reinforge::store
