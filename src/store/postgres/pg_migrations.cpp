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
    // 2: training runs (docs/training.md), as SQLite's migration 8: each run keeps the record ids
    // of its split; metric points and events are append-only series read after a sequence
    // number. training_runs.dataset_id gets its foreign key to datasets (ON DELETE CASCADE) in
    // migration 4, which creates that table.
    R"SQL(
CREATE TABLE training_runs (
  id BIGSERIAL PRIMARY KEY,
  dataset_id BIGINT NOT NULL,
  job_id BIGINT,
  backend TEXT NOT NULL,
  base_model TEXT NOT NULL,
  state TEXT NOT NULL,
  remote_status TEXT NOT NULL DEFAULT '',
  dataset_revision BIGINT NOT NULL,
  grader_version TEXT NOT NULL,
  grader_config_json TEXT NOT NULL,
  options_json TEXT NOT NULL,
  token_sha256 TEXT NOT NULL DEFAULT '',
  remote_job_id TEXT NOT NULL DEFAULT '',
  backend_state_json TEXT NOT NULL DEFAULT '{}',
  progress_json TEXT NOT NULL DEFAULT '{}',
  rewards_json TEXT NOT NULL DEFAULT '{}',
  train_count BIGINT NOT NULL,
  valid_count BIGINT NOT NULL,
  fine_tuned_model TEXT,
  model_url TEXT,
  error TEXT,
  trainer_result_json TEXT,
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT
);
CREATE INDEX training_runs_by_dataset ON training_runs (dataset_id, id);
CREATE TABLE training_split (
  run_id BIGINT NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
  record_id BIGINT NOT NULL,
  part INTEGER NOT NULL,
  PRIMARY KEY (run_id, record_id)
);
CREATE TABLE training_metrics (
  seq BIGSERIAL PRIMARY KEY,
  run_id BIGINT NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
  at_ms BIGINT NOT NULL,
  values_json TEXT NOT NULL
);
CREATE INDEX training_metrics_by_run ON training_metrics (run_id, seq);
CREATE TABLE training_events (
  seq BIGSERIAL PRIMARY KEY,
  run_id BIGINT NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
  at_ms BIGINT NOT NULL,
  level TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX training_events_by_run ON training_events (run_id, seq);
)SQL",
    // 3: deployments, online scores and benchmarks (step 7), as SQLite's migrations 9 and 10.
    // The routes version the gateways poll is a one-row table here (a key in SQLite's settings):
    // every deployment change bumps it first, so its row lock also puts the changes of all
    // instances in one order. benchmarks.dataset_id gets its foreign key to datasets (ON DELETE
    // CASCADE) in migration 4; the traces' deployment and arm columns come with the
    // traces port.
    R"SQL(
CREATE TABLE deployments (
  id BIGSERIAL PRIMARY KEY,
  dataset_id BIGINT,
  run_id BIGINT,
  mode TEXT NOT NULL,
  base_model TEXT NOT NULL,
  tuned_model TEXT NOT NULL,
  endpoint TEXT NOT NULL DEFAULT '',
  provider TEXT NOT NULL DEFAULT '',
  share_bp BIGINT NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  history_json TEXT NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL,
  ended_at BIGINT,
  options_json TEXT NOT NULL DEFAULT '{}',
  scored_through_seq BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX deployments_by_state ON deployments (state, id);
CREATE TABLE routes_version (
  one_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (one_row),
  version BIGINT NOT NULL
);
INSERT INTO routes_version (version) VALUES (0);
CREATE TABLE online_scores (
  deployment_id BIGINT NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
  trace_seq BIGINT NOT NULL,
  trace_id TEXT NOT NULL,
  arm TEXT NOT NULL,
  trace_created_at BIGINT NOT NULL,
  score DOUBLE PRECISION,
  reason TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  graded_at BIGINT NOT NULL,
  PRIMARY KEY (deployment_id, trace_seq)
);
CREATE TABLE benchmarks (
  id BIGSERIAL PRIMARY KEY,
  dataset_id BIGINT NOT NULL,
  run_id BIGINT,
  job_id BIGINT NOT NULL DEFAULT 0,
  base_model TEXT NOT NULL,
  tuned_model TEXT NOT NULL,
  provider TEXT NOT NULL DEFAULT '',
  options_json TEXT NOT NULL DEFAULT '{}',
  report_json TEXT NOT NULL DEFAULT '',
  samples_json TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX benchmarks_by_dataset ON benchmarks (dataset_id, id);
)SQL",
    // 4: datasets, records, jobs, topics, graders, step state and generation runs (the `Store`),
    // as SQLite's migrations 1 and 4 to 7 and 12. Each records filter has an index in list order
    // (the filter's column, then id: SQLite's indexes end in the rowid by themselves), so a
    // keyset page is a short index walk. The record search is PostgreSQL's full-text search over
    // the words fts_all_words finds: every ASCII character but letters and digits becomes a space
    // (so the parser sees no e-mail, URL or hyphenated word, as FTS5's unicode61 splits them), and
    // the vector keeps no positions (FTS5's detail=none); 'simple' folds case and drops no word.
    // aggregates_version is bumped by every write that changes a dataset's counts, so each
    // instance's cached aggregates know when another instance has made them stale. The datasets'
    // foreign keys that migrations 2 and 3 left out arrive with the table.
    R"SQL(
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE datasets (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  objective TEXT NOT NULL DEFAULT '',
  settings_json TEXT NOT NULL DEFAULT '{}',
  revision BIGINT NOT NULL DEFAULT 1,
  aggregates_version BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE records (
  id BIGSERIAL PRIMARY KEY,
  dataset_id BIGINT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  line BIGINT,
  origin TEXT NOT NULL,
  valid BOOLEAN NOT NULL,
  issues_json TEXT NOT NULL DEFAULT '[]',
  token_count BIGINT NOT NULL DEFAULT 0,
  preview TEXT NOT NULL DEFAULT '',
  content_hash BIGINT NOT NULL,
  trace_id TEXT,
  topic TEXT,
  confidence DOUBLE PRECISION,
  topic_manual BOOLEAN NOT NULL DEFAULT false,
  updated_at BIGINT NOT NULL,
  text TEXT NOT NULL,
  generation_run_id BIGINT,
  search tsvector GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig,
    regexp_replace(text, '[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]', ' ', 'g')))) STORED
);
CREATE INDEX records_by_dataset ON records (dataset_id, id);
CREATE INDEX records_by_dataset_validity ON records (dataset_id, valid, id);
CREATE INDEX records_by_dataset_origin ON records (dataset_id, origin, id);
CREATE INDEX records_by_dataset_topic ON records (dataset_id, topic, id);
CREATE INDEX records_by_trace ON records (dataset_id, trace_id) WHERE trace_id IS NOT NULL;
CREATE INDEX records_by_generation_run ON records (dataset_id, generation_run_id)
  WHERE generation_run_id IS NOT NULL;
CREATE INDEX records_search ON records USING gin (search);
CREATE TABLE record_issue_codes (
  record_id BIGINT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  dataset_id BIGINT NOT NULL,
  code TEXT NOT NULL,
  is_error BOOLEAN NOT NULL,
  PRIMARY KEY (record_id, code)
);
CREATE INDEX record_issue_codes_by_dataset ON record_issue_codes (dataset_id, code, record_id);
CREATE TABLE jobs (
  id BIGSERIAL PRIMARY KEY,
  dataset_id BIGINT REFERENCES datasets(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  done BIGINT NOT NULL DEFAULT 0,
  total BIGINT NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  error TEXT,
  params_json TEXT NOT NULL DEFAULT '{}',
  checkpoint_json TEXT NOT NULL DEFAULT '{}',
  result_json TEXT,
  cancel_requested BOOLEAN NOT NULL DEFAULT false,
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT
);
CREATE INDEX jobs_by_dataset ON jobs (dataset_id, id);
CREATE INDEX jobs_by_state ON jobs (state, id);
CREATE TABLE dataset_topics (
  dataset_id BIGINT PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
  topic_set_json TEXT NOT NULL,
  source TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  method_json TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE dataset_step_state (
  dataset_id BIGINT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  step TEXT NOT NULL,
  state_json TEXT NOT NULL,
  PRIMARY KEY (dataset_id, step)
);
CREATE TABLE graders (
  id BIGSERIAL PRIMARY KEY,
  dataset_id BIGINT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  version TEXT NOT NULL,
  config_json TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_test_json TEXT
);
CREATE INDEX graders_by_dataset ON graders (dataset_id, id);
CREATE TABLE generation_runs (
  id BIGSERIAL PRIMARY KEY,
  dataset_id BIGINT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  job_id BIGINT NOT NULL DEFAULT 0,
  model TEXT NOT NULL,
  state TEXT NOT NULL,
  review BOOLEAN NOT NULL DEFAULT false,
  options_json TEXT NOT NULL DEFAULT '{}',
  plan_json TEXT NOT NULL DEFAULT '{}',
  summary_json TEXT NOT NULL DEFAULT '{}',
  error TEXT,
  created_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX generation_runs_by_dataset ON generation_runs (dataset_id, id);
CREATE TABLE generation_records (
  id BIGSERIAL PRIMARY KEY,
  run_id BIGINT NOT NULL REFERENCES generation_runs(id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  status TEXT NOT NULL,
  gate TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  seed_ids_json TEXT NOT NULL DEFAULT '[]',
  confidence DOUBLE PRECISION,
  similarity DOUBLE PRECISION,
  record_id BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX generation_records_by_run ON generation_records (run_id, status, id);
CREATE INDEX generation_records_by_record ON generation_records (record_id) WHERE record_id IS NOT NULL;
ALTER TABLE training_runs ADD FOREIGN KEY (dataset_id) REFERENCES datasets(id) ON DELETE CASCADE;
ALTER TABLE benchmarks ADD FOREIGN KEY (dataset_id) REFERENCES datasets(id) ON DELETE CASCADE;
)SQL",
    // 5: the gateway's traces (docs/gateway.md), as SQLite's migrations 2, 3, 9 (deployment_id,
    // arm), 11, 13, 14 and 15 together.
    // - seq comes from the sequence, taken by the writer before its COPY (it needs them for the
    //   tags) while it holds trace_space's row: batches of all instances commit in seq order, so
    //   a pull or online scoring that remembers the last seq it read never skips a late commit.
    // - Every list filter has an index that serves it newest first, (filter, created_at, seq),
    //   so a keyset page is a short index walk at ten million traces; failures and sessions as
    //   partial indexes. The answering model only where it differs from the requested one, as
    //   nullif(model, model_requested): ANALYZE keeps statistics of an index expression, so the
    //   planner knows a model is rare among those rows (a partial index on model alone left it
    //   walking the time index through every trace for a model that answered none).
    // - The text search is PostgreSQL's own: a tsvector of both bodies' words (without positions,
    //   like FTS5's detail=none) under a GIN index, newest match first by seq. The writer finds
    //   the words (postgres/pg_text_search.hpp says why).
    // - Rollups as SQLite's, the latency histogram a bigint[] whose entries are
    //   bucket * 2^48 + count, by bucket (LatencyHistogram's buckets), merged by
    //   latency_histogram_merge in the upsert.
    // - dataset_trace_sources gets its foreign key to datasets (migration 4), and records an
    //   index by (dataset, trace) unless migration 4 made one.
    R"SQL(
CREATE TABLE traces (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  endpoint TEXT NOT NULL,
  model_requested TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL DEFAULT '',
  provider TEXT NOT NULL DEFAULT '',
  stream BOOLEAN NOT NULL DEFAULT false,
  status INTEGER NOT NULL,
  error TEXT,
  latency_ms DOUBLE PRECISION NOT NULL,
  ttft_ms DOUBLE PRECISION,
  prompt_tokens BIGINT,
  completion_tokens BIGINT,
  total_tokens BIGINT,
  cached_tokens BIGINT,
  reasoning_tokens BIGINT,
  gateway_key_id BIGINT,
  attempts INTEGER NOT NULL DEFAULT 1,
  tags_json TEXT NOT NULL DEFAULT '[]',
  deployment_id BIGINT,
  arm TEXT,
  session_id TEXT,
  conversation_hash BIGINT,
  request_json TEXT NOT NULL,
  response_json TEXT,
  conversation_json TEXT,
  search tsvector NOT NULL
);
CREATE INDEX traces_by_time ON traces (created_at, seq);
CREATE INDEX traces_by_model ON traces (model_requested, created_at, seq);
CREATE INDEX traces_answered_by_another_model ON traces ((nullif(model, model_requested)), created_at, seq)
  WHERE model <> model_requested;
CREATE INDEX traces_by_key ON traces (gateway_key_id, created_at, seq) WHERE gateway_key_id IS NOT NULL;
CREATE INDEX traces_by_provider ON traces (provider, created_at, seq);
CREATE INDEX traces_by_endpoint ON traces (endpoint, created_at, seq);
CREATE INDEX traces_failed ON traces (created_at, seq) WHERE status < 200 OR status > 299;
CREATE INDEX traces_failed_by_status ON traces (status, created_at, seq) WHERE status < 200 OR status > 299;
CREATE INDEX traces_by_session ON traces (session_id, seq) WHERE session_id IS NOT NULL;
CREATE INDEX traces_in_sessions ON traces (created_at, seq) WHERE session_id IS NOT NULL;
CREATE INDEX traces_by_conversation ON traces (conversation_hash, seq) WHERE conversation_hash IS NOT NULL;
CREATE INDEX traces_by_deployment ON traces (deployment_id, seq) WHERE deployment_id IS NOT NULL;
CREATE INDEX traces_search ON traces USING gin (search);

CREATE TABLE trace_tags (
  tag TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  trace_seq BIGINT NOT NULL,
  PRIMARY KEY (tag, created_at, trace_seq)
);
CREATE INDEX trace_tags_by_trace ON trace_tags (trace_seq);

CREATE FUNCTION latency_histogram_merge(a bigint[], b bigint[]) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg((bucket << 48) + total ORDER BY bucket), '{}')
  FROM (SELECT entry >> 48 AS bucket, sum(entry & 281474976710655)::bigint AS total
        FROM unnest(coalesce(a, '{}') || coalesce(b, '{}')) AS entry GROUP BY 1) merged
$$;
CREATE TABLE trace_rollups_hourly (
  bucket BIGINT NOT NULL,
  model_requested TEXT NOT NULL,
  model TEXT NOT NULL,
  provider TEXT NOT NULL,
  gateway_key_id BIGINT NOT NULL,
  status INTEGER NOT NULL,
  endpoint TEXT NOT NULL,
  calls BIGINT NOT NULL,
  prompt_tokens BIGINT NOT NULL,
  completion_tokens BIGINT NOT NULL,
  cached_tokens BIGINT NOT NULL,
  reasoning_tokens BIGINT NOT NULL,
  latency_histogram BIGINT[] NOT NULL,
  PRIMARY KEY (bucket, model_requested, model, provider, gateway_key_id, status, endpoint)
);
CREATE TABLE trace_rollups_daily (LIKE trace_rollups_hourly INCLUDING ALL);

CREATE TABLE trace_space (
  one_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (one_row),
  bytes BIGINT NOT NULL
);
INSERT INTO trace_space (bytes) VALUES (0);

CREATE TABLE gateway_keys (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

CREATE TABLE stored_responses (
  id TEXT PRIMARY KEY,
  trace_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  conversation_json TEXT NOT NULL,
  response_json TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX stored_responses_by_time ON stored_responses (created_at);
CREATE INDEX stored_responses_by_session ON stored_responses (session_id);

CREATE TABLE dataset_trace_sources (
  dataset_id BIGINT PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
  filter_json TEXT NOT NULL,
  last_pulled_at BIGINT,
  pulled_through_seq BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS records_by_trace ON records (dataset_id, trace_id) WHERE trace_id IS NOT NULL;
)SQL",
    // 6: job leases (docs/architecture.md, "Jobs and crash safety"), as SQLite's migration 18.
    R"SQL(
ALTER TABLE jobs ADD COLUMN runs_on TEXT;
ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_expires_at BIGINT;
)SQL",
    // 7: the records' search words found by the writer, as the traces' are (pg_text_search.hpp:
    // the generated column's to_tsvector cost about 150 µs of server CPU a record on import).
    // Rows written before keep the words the expression found; they differ only for letters
    // outside ASCII in upper case, which that lower-cased.
    R"SQL(
ALTER TABLE records ALTER COLUMN search DROP EXPRESSION;
)SQL",
    // 8: cheaper trace writes (bench/README.md, "Trace writes on PostgreSQL").
    // - traces_in_sessions goes: every call but an embedding has a session (the trace writer
    //   names one), so it was the time index a second time, written for nearly every trace. The
    //   list of each session's last call walks traces_by_time instead, whose rows nearly all
    //   qualify.
    // - Bodies past TOAST's 2 KB are compressed with lz4 where the server has it (Debian's and
    //   the official packages do): pglz, the default, takes several times the CPU per byte. A
    //   server built without lz4 keeps pglz. Bodies already stored stay as they are.
    R"SQL(
DROP INDEX traces_in_sessions;
DO $$
BEGIN
  ALTER TABLE traces ALTER COLUMN request_json SET COMPRESSION lz4,
    ALTER COLUMN response_json SET COMPRESSION lz4,
    ALTER COLUMN conversation_json SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'this server has no lz4: trace bodies stay compressed with pglz';
END $$;
)SQL",
    // 9: failed sign-ins (docs/access.md, "Rate limit"), as SQLite's migration 19: every instance
    // counts the same ones.
    R"SQL(
CREATE TABLE sign_in_failures (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('name', 'address')),
  key TEXT NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (kind, key, at_ms);
CREATE INDEX sign_in_failures_by_time ON sign_in_failures (at_ms);
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
