#include "store/postgres/pg_migrations.hpp"

#include <iostream>
#include <iterator>

namespace reinforge::store::postgres {

namespace {

// Any fixed number: the key of the lock every instance takes while it migrates.
constexpr int64_t kMigrationLock = 7305291001;

const char* const kMigrations[] = {
    // 1: team access (docs/access.md), as SQLite's migration 17. Names are unique without regard
    // to case through an index on lower(name).
    R"SQL(
CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  password_hash TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  last_sign_in_at BIGINT
);
CREATE UNIQUE INDEX users_by_name ON users (lower(name));
CREATE TABLE user_sessions (
  secret_sha256 TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  remote_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX user_sessions_by_user ON user_sessions(user_id);
CREATE INDEX user_sessions_by_expiry ON user_sessions(expires_at);
CREATE TABLE api_tokens (
  id BIGSERIAL PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  token_sha256 TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT
);
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  at BIGINT NOT NULL,
  user_id BIGINT,
  user_name TEXT NOT NULL,
  via TEXT NOT NULL,
  action TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  target_json TEXT NOT NULL DEFAULT '{}',
  remote_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_user ON audit_log (lower(user_name), id);
CREATE INDEX audit_log_by_action ON audit_log (action, id);
)SQL",
};

int64_t applied_version(PgConnection& connection) {
  auto result = connection.exec("SELECT coalesce(max(version), 0) FROM reinforge_schema");
  return result.int_at(0, 0);
}

}  // namespace

int64_t latest_pg_schema_version() { return static_cast<int64_t>(std::size(kMigrations)); }

void apply_pg_migrations(PgConnection& connection) {
  connection.exec("SELECT pg_advisory_lock($1)", {kMigrationLock});
  struct Unlock {
    PgConnection& connection;
    ~Unlock() {
      try {
        connection.exec("SELECT pg_advisory_unlock($1)", {kMigrationLock});
      } catch (...) {
        // A lost connection releases its locks by itself.
      }
    }
  } unlock{connection};
  connection.execute_script(
      "CREATE TABLE IF NOT EXISTS reinforge_schema (version BIGINT PRIMARY KEY, applied_at "
      "TIMESTAMPTZ NOT NULL DEFAULT now())");
  int64_t applied = applied_version(connection);
  const int64_t latest = latest_pg_schema_version();
  if (applied > latest) {
    throw std::runtime_error("the database's schema is version " + std::to_string(applied) +
                             ", newer than this Reinforge knows (" + std::to_string(latest) +
                             "): upgrade Reinforge, or point it at another database");
  }
  if (applied > 0 && applied < latest) {
    std::cerr << "reinforge: upgrading the PostgreSQL schema from version " << applied << " to "
              << latest << "\n";
  }
  for (int64_t version = applied; version < latest; ++version) {
    PgTransaction transaction(connection);
    connection.execute_script(kMigrations[version]);
    connection.exec("INSERT INTO reinforge_schema (version) VALUES ($1)", {version + 1});
    transaction.commit();
  }
}

}  // namespace reinforge::store::postgres
