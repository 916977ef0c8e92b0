// AccessStore on PostgreSQL: the same rows and rules as sqlite_access_store.cpp, for several
// instances on one database (docs/postgresql.md).
#include "store/access_store.hpp"
#include "store/postgres/pg_access_store.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store/postgres/pg_pool.hpp"

namespace reinforge::store::postgres {
namespace {

constexpr const char* kUserColumns = "id, name, role, password_hash, created_at, last_sign_in_at";
constexpr const char* kSessionColumns =
    "secret_sha256, user_id, csrf_token, created_at, last_seen_at, expires_at, remote_address";
constexpr const char* kTokenColumns = "id, user_id, name, prefix, token_sha256, created_at, last_used_at";
constexpr const char* kAuditColumns =
    "id, at, user_id, user_name, via, action, method, path, status, target_json, remote_address";

std::string select(const char* columns, const char* rest) { return std::string("SELECT ") + columns + " " + rest; }

User read_user(const PgResult& rows, int row) {
  User user;
  user.id = rows.int_at(row, 0);
  user.name = rows.text_at(row, 1);
  user.role = rows.text_at(row, 2);
  user.password_hash = rows.text_at(row, 3);
  user.created_at = rows.int_at(row, 4);
  user.last_sign_in_at = rows.optional_int_at(row, 5);
  return user;
}

UserSession read_session(const PgResult& rows, int row) {
  UserSession session;
  session.secret_sha256 = rows.text_at(row, 0);
  session.user_id = rows.int_at(row, 1);
  session.csrf_token = rows.text_at(row, 2);
  session.created_at = rows.int_at(row, 3);
  session.last_seen_at = rows.int_at(row, 4);
  session.expires_at = rows.int_at(row, 5);
  session.remote_address = rows.text_at(row, 6);
  return session;
}

ApiToken read_token(const PgResult& rows, int row) {
  ApiToken token;
  token.id = rows.int_at(row, 0);
  token.user_id = rows.int_at(row, 1);
  token.name = rows.text_at(row, 2);
  token.prefix = rows.text_at(row, 3);
  token.token_sha256 = rows.text_at(row, 4);
  token.created_at = rows.int_at(row, 5);
  token.last_used_at = rows.optional_int_at(row, 6);
  return token;
}

AuditEntry read_audit(const PgResult& rows, int row) {
  AuditEntry entry;
  entry.id = rows.int_at(row, 0);
  entry.at = rows.int_at(row, 1);
  entry.user_id = rows.optional_int_at(row, 2);
  entry.user_name = rows.text_at(row, 3);
  entry.via = rows.text_at(row, 4);
  entry.action = rows.text_at(row, 5);
  entry.method = rows.text_at(row, 6);
  entry.path = rows.text_at(row, 7);
  entry.status = static_cast<int>(rows.int_at(row, 8));
  entry.target_json = rows.text_at(row, 9);
  entry.remote_address = rows.text_at(row, 10);
  return entry;
}

// The audit filter's WHERE clause and its values; each filter uses its own index in id order.
struct AuditQuery {
  std::string where = " WHERE true";
  std::vector<PgValue> values;
  // " AND <before>$n<after>", with the value bound as $n.
  void add(const char* before, PgValue value, const char* after = "") {
    values.emplace_back(std::move(value));
    where += std::string(" AND ") + before + "$" + std::to_string(values.size()) + after;
  }
};

AuditQuery audit_query(const AuditFilter& filter) {
  AuditQuery query;
  if (filter.user_name) query.add("lower(user_name) = lower(", *filter.user_name, ")");
  if (filter.action) query.add("action = ", *filter.action);
  return query;
}

class PgAccessStore final : public AccessStore {
 public:
  explicit PgAccessStore(const std::string& conninfo) : pool_(conninfo, 4) {
    auto connection = pool_.lease();
    apply_pg_migrations(*connection);
  }

  User create_user(const std::string& name, const std::string& role,
                   const std::string& password_hash) override {
    auto connection = pool_.lease();
    try {
      auto rows = connection->exec(std::string("INSERT INTO users (name, role, password_hash, created_at) VALUES "
                                               "($1, $2, $3, extract(epoch FROM now())::bigint) RETURNING ") +
                                       kUserColumns,
                                   {name, role, password_hash});
      return read_user(rows, 0);
    } catch (const PgError& error) {
      if (error.unique_violation()) throw ConflictError("A user named '" + name + "' already exists.");
      throw;
    }
  }

  std::optional<User> find_user(int64_t id) override {
    auto connection = pool_.lease();
    return find_user_on(*connection, id);
  }

  std::optional<User> find_user_by_name(const std::string& name) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(select(kUserColumns, "FROM users WHERE lower(name) = lower($1)"), {name});
    if (rows.rows() == 0) return std::nullopt;
    return read_user(rows, 0);
  }

  std::vector<User> list_users(int64_t now) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "SELECT id, name, role, password_hash, created_at, last_sign_in_at, "
        "(SELECT count(*) FROM user_sessions s WHERE s.user_id = users.id AND s.expires_at > $1), "
        "(SELECT count(*) FROM api_tokens t WHERE t.user_id = users.id) "
        "FROM users ORDER BY lower(name)",
        {now});
    std::vector<User> users;
    for (int row = 0; row < rows.rows(); ++row) {
      users.push_back(read_user(rows, row));
      users.back().sessions = rows.int_at(row, 6);
      users.back().tokens = rows.int_at(row, 7);
    }
    return users;
  }

  int64_t count_users() override {
    auto connection = pool_.lease();
    return connection->exec("SELECT count(*) FROM users").int_at(0, 0);
  }

  std::optional<User> set_role(int64_t user_id, const std::string& role) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    auto user = find_user_on(*connection, user_id);
    if (!user) return std::nullopt;
    if (user->role == "admin" && role != "admin") refuse_if_last_admin(*connection, user_id);
    connection->exec("UPDATE users SET role = $1 WHERE id = $2", {role, user_id});
    transaction.commit();
    user->role = role;
    return user;
  }

  bool remove_user(int64_t user_id) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    auto user = find_user_on(*connection, user_id);
    if (!user) return false;
    if (user->role == "admin") refuse_if_last_admin(*connection, user_id);
    connection->exec("DELETE FROM users WHERE id = $1", {user_id});  // sessions, tokens cascade
    transaction.commit();
    return true;
  }

  bool set_password(int64_t user_id, const std::string& password_hash,
                    const std::string& keep_session_sha256, bool end_tokens) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    auto changed = connection->exec("UPDATE users SET password_hash = $1 WHERE id = $2", {password_hash, user_id});
    if (changed.affected() == 0) return false;
    connection->exec("DELETE FROM user_sessions WHERE user_id = $1 AND secret_sha256 <> $2",
                     {user_id, keep_session_sha256});
    if (end_tokens) connection->exec("DELETE FROM api_tokens WHERE user_id = $1", {user_id});
    transaction.commit();
    return true;
  }

  void create_session(const UserSession& session) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    connection->exec(
        "INSERT INTO user_sessions (secret_sha256, user_id, csrf_token, created_at, last_seen_at, "
        "expires_at, remote_address) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {session.secret_sha256, session.user_id, session.csrf_token, session.created_at, session.last_seen_at,
         session.expires_at, session.remote_address});
    connection->exec("UPDATE users SET last_sign_in_at = $1 WHERE id = $2", {session.created_at, session.user_id});
    transaction.commit();
  }

  std::optional<UserSession> find_session(const std::string& secret_sha256) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(select(kSessionColumns, "FROM user_sessions WHERE secret_sha256 = $1"),
                                 {secret_sha256});
    if (rows.rows() == 0) return std::nullopt;
    return read_session(rows, 0);
  }

  void touch_session(const std::string& secret_sha256, int64_t now, int64_t expires_at) override {
    auto connection = pool_.lease();
    connection->exec("UPDATE user_sessions SET last_seen_at = $1, expires_at = $2 WHERE secret_sha256 = $3",
                     {now, expires_at, secret_sha256});
  }

  void delete_session(const std::string& secret_sha256) override {
    auto connection = pool_.lease();
    connection->exec("DELETE FROM user_sessions WHERE secret_sha256 = $1", {secret_sha256});
  }

  int64_t sign_out_everywhere(int64_t user_id) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    int64_t ended = connection->exec("DELETE FROM user_sessions WHERE user_id = $1", {user_id}).affected();
    ended += connection->exec("DELETE FROM api_tokens WHERE user_id = $1", {user_id}).affected();
    transaction.commit();
    return ended;
  }

  int64_t delete_expired_sessions(int64_t now) override {
    auto connection = pool_.lease();
    return connection->exec("DELETE FROM user_sessions WHERE expires_at <= $1", {now}).affected();
  }

  ApiToken create_token(const ApiToken& token) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "INSERT INTO api_tokens (user_id, name, prefix, token_sha256, created_at) VALUES ($1, $2, $3, "
        "$4, $5) RETURNING id",
        {token.user_id, token.name, token.prefix, token.token_sha256, token.created_at});
    ApiToken created = token;
    created.id = rows.int_at(0, 0);
    return created;
  }

  std::optional<ApiToken> find_token(const std::string& token_sha256) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(select(kTokenColumns, "FROM api_tokens WHERE token_sha256 = $1"), {token_sha256});
    if (rows.rows() == 0) return std::nullopt;
    return read_token(rows, 0);
  }

  std::vector<ApiToken> list_tokens(int64_t user_id) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(select(kTokenColumns, "FROM api_tokens WHERE user_id = $1 ORDER BY id DESC"),
                                 {user_id});
    std::vector<ApiToken> tokens;
    for (int row = 0; row < rows.rows(); ++row) tokens.push_back(read_token(rows, row));
    return tokens;
  }

  bool delete_token(int64_t token_id, int64_t user_id) override {
    auto connection = pool_.lease();
    return connection->exec("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2", {token_id, user_id})
               .affected() > 0;
  }

  void touch_token(int64_t token_id, int64_t now) override {
    auto connection = pool_.lease();
    connection->exec("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", {now, token_id});
  }

  void append_audit(const AuditEntry& entry) override {
    auto connection = pool_.lease();
    connection->exec(
        "INSERT INTO audit_log (at, user_id, user_name, via, action, method, path, status, target_json, "
        "remote_address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {entry.at, optional_value(entry.user_id), entry.user_name, entry.via, entry.action, entry.method,
         entry.path, int64_t{entry.status}, entry.target_json, entry.remote_address});
  }

  std::vector<AuditEntry> list_audit(const AuditFilter& filter) override {
    auto query = audit_query(filter);
    if (filter.before_id) query.add("id < ", *filter.before_id);
    query.values.emplace_back(std::in_place_type<int64_t>, filter.limit);
    auto connection = pool_.lease();
    auto rows = connection->exec(select(kAuditColumns, "FROM audit_log") + query.where +
                                     " ORDER BY id DESC LIMIT $" + std::to_string(query.values.size()),
                                 query.values);
    std::vector<AuditEntry> entries;
    for (int row = 0; row < rows.rows(); ++row) entries.push_back(read_audit(rows, row));
    return entries;
  }

  void for_each_audit(const AuditFilter& filter,
                      const std::function<bool(const AuditEntry&)>& visit) override {
    int64_t after = 0;
    for (;;) {
      auto query = audit_query(filter);
      query.add("id > ", after);
      std::vector<AuditEntry> page;
      {
        auto connection = pool_.lease();
        auto rows = connection->exec(select(kAuditColumns, "FROM audit_log") + query.where + " ORDER BY id LIMIT 1000",
                                     query.values);
        for (int row = 0; row < rows.rows(); ++row) page.push_back(read_audit(rows, row));
      }
      for (const auto& entry : page) {
        if (!visit(entry)) return;
      }
      if (page.size() < 1000) return;
      after = page.back().id;
    }
  }

  std::vector<std::string> audit_actions() override {
    auto connection = pool_.lease();
    auto rows = connection->exec("SELECT DISTINCT action FROM audit_log ORDER BY action");
    std::vector<std::string> actions;
    for (int row = 0; row < rows.rows(); ++row) actions.push_back(rows.text_at(row, 0));
    return actions;
  }

  // Each of these is one statement outside any transaction: committed when exec returns, so the
  // other instances' next reads see it (SignInLimiter's count relies on that).
  int64_t add_sign_in_failure(const SignInKey& key, int64_t at_ms) override {
    auto connection = pool_.lease();
    return connection
        ->exec("INSERT INTO sign_in_failures (kind, key, at_ms) VALUES ($1, $2, $3) RETURNING id",
               {kind_of(key), key.value, at_ms})
        .int_at(0, 0);
  }

  std::vector<SignInFailure> recent_sign_in_failures(const SignInKey& key, int64_t after_ms,
                                                     int64_t limit) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "SELECT id, at_ms FROM sign_in_failures WHERE kind = $1 AND key = $2 AND at_ms > $3 "
        "ORDER BY at_ms DESC, id DESC LIMIT $4",
        {kind_of(key), key.value, after_ms, limit});
    std::vector<SignInFailure> failures;
    for (int row = 0; row < rows.rows(); ++row) {
      failures.push_back({rows.int_at(row, 0), rows.int_at(row, 1)});
    }
    return failures;
  }

  void delete_sign_in_failure(int64_t id) override {
    auto connection = pool_.lease();
    connection->exec("DELETE FROM sign_in_failures WHERE id = $1", {id});
  }

  void clear_sign_in_failures(const SignInKey& key) override {
    auto connection = pool_.lease();
    connection->exec("DELETE FROM sign_in_failures WHERE kind = $1 AND key = $2",
                     {kind_of(key), key.value});
  }

  int64_t prune_sign_in_failures(int64_t before_ms, int64_t max_rows) override {
    auto connection = pool_.lease();
    return connection
        ->exec(
            "DELETE FROM sign_in_failures WHERE id IN (SELECT id FROM sign_in_failures "
            "WHERE at_ms <= $1 ORDER BY at_ms LIMIT $2)",
            {before_ms, max_rows})
        .affected();
  }

 private:
  static PgValue kind_of(const SignInKey& key) {
    return std::string(sign_in_key_kind_text(key.kind));
  }

  static std::optional<User> find_user_on(PgConnection& connection, int64_t id) {
    auto rows = connection.exec(select(kUserColumns, "FROM users WHERE id = $1"), {id});
    if (rows.rows() == 0) return std::nullopt;
    return read_user(rows, 0);
  }

  // Locks every admin row first: a concurrent demotion waits for this transaction and then
  // counts what it left, so two cannot both remove "another" admin.
  static void refuse_if_last_admin(PgConnection& connection, int64_t user_id) {
    auto admins = connection.exec("SELECT id FROM users WHERE role = 'admin' ORDER BY id FOR UPDATE");
    int others = 0;
    for (int row = 0; row < admins.rows(); ++row) others += admins.int_at(row, 0) != user_id;
    if (others == 0) throw LastAdminError("This is the last admin: make another user admin first.");
  }

  PgPool pool_;
};

}  // namespace

std::unique_ptr<AccessStore> open_pg_access_store(const std::string& conninfo) {
  return std::make_unique<PgAccessStore>(conninfo);
}

}  // namespace reinforge::store::postgres
