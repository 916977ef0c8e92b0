#include "store/migrations.hpp"

#include <iostream>
#include <stdexcept>
#include <string>

namespace reinforge::store {

static const char* const kMigrations[] = {
    // 1: settings, datasets, records with their issues and full-text index, jobs.
    R"SQL(
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  objective TEXT NOT NULL DEFAULT '',
  settings_json TEXT NOT NULL DEFAULT '{}',
  revision INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  line INTEGER,
  origin TEXT NOT NULL,
  valid INTEGER NOT NULL,
  issues_json TEXT NOT NULL DEFAULT '[]',
  token_count INTEGER NOT NULL DEFAULT 0,
  preview TEXT NOT NULL DEFAULT '',
  content_hash INTEGER NOT NULL,
  trace_id TEXT,
  topic_id INTEGER,
  confidence REAL,
  updated_at INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX records_by_dataset_validity ON records(dataset_id, valid);
CREATE INDEX records_by_dataset_origin ON records(dataset_id, origin);

CREATE TABLE record_issue_codes (
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  dataset_id INTEGER NOT NULL,
  code TEXT NOT NULL,
  is_error INTEGER NOT NULL,
  PRIMARY KEY (record_id, code)
) WITHOUT ROWID;
CREATE INDEX record_issue_codes_by_dataset ON record_issue_codes(dataset_id, code);

-- External-content full-text index over the record text. Inserts are indexed by the store
-- itself (an AFTER INSERT trigger measured 3.6x slower on bulk imports); deletes and edits,
-- which are rare, by triggers.
CREATE VIRTUAL TABLE records_fts USING fts5(text, content='records', content_rowid='id');
CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER records_fts_update AFTER UPDATE OF text ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO records_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER REFERENCES datasets(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  error TEXT,
  params_json TEXT NOT NULL DEFAULT '{}',
  checkpoint_json TEXT NOT NULL DEFAULT '{}',
  result_json TEXT,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER
);
CREATE INDEX jobs_by_dataset ON jobs(dataset_id, id);
CREATE INDEX jobs_by_state ON jobs(state);
)SQL",
    // 2: gateway traces (with tags and a full-text index), gateway keys, and the trace
    // filter each dataset pulls from.
    R"SQL(
CREATE TABLE traces (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  endpoint TEXT NOT NULL,
  model_requested TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL DEFAULT '',
  provider TEXT NOT NULL DEFAULT '',
  stream INTEGER NOT NULL DEFAULT 0,
  status INTEGER NOT NULL,
  error TEXT,
  latency_ms REAL NOT NULL,
  ttft_ms REAL,
  prompt_tokens INTEGER,
  completion_tokens INTEGER,
  total_tokens INTEGER,
  gateway_key_id INTEGER,
  attempts INTEGER NOT NULL DEFAULT 1,
  tags_json TEXT NOT NULL DEFAULT '[]',
  request_json TEXT NOT NULL,
  response_json TEXT
);
CREATE INDEX traces_by_time ON traces(created_at);
CREATE INDEX traces_by_model ON traces(model_requested, created_at);

CREATE TABLE trace_tags (
  tag TEXT NOT NULL,
  trace_seq INTEGER NOT NULL REFERENCES traces(seq) ON DELETE CASCADE,
  PRIMARY KEY (tag, trace_seq)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE traces_fts USING fts5(request_json, response_json, content='traces', content_rowid='seq');
CREATE TRIGGER traces_fts_insert AFTER INSERT ON traces BEGIN
  INSERT INTO traces_fts(rowid, request_json, response_json)
  VALUES (new.seq, new.request_json, coalesce(new.response_json, ''));
END;
CREATE TRIGGER traces_fts_delete AFTER DELETE ON traces BEGIN
  INSERT INTO traces_fts(traces_fts, rowid, request_json, response_json)
  VALUES ('delete', old.seq, old.request_json, coalesce(old.response_json, ''));
END;

CREATE TABLE gateway_keys (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

CREATE TABLE dataset_trace_sources (
  dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
  filter_json TEXT NOT NULL,
  last_pulled_at INTEGER
);
CREATE INDEX records_by_trace ON records(dataset_id, trace_id) WHERE trace_id IS NOT NULL;
)SQL",
    // 3: the trace store indexes each batch with one statement (a per-row FTS5 trigger made the
    // trace writer spend half its time in FTS savepoints), and the index keeps no positions
    // (detail=none: a third cheaper to write; searches match all words, not phrases).
    R"SQL(
DROP TRIGGER traces_fts_insert;
DROP TRIGGER traces_fts_delete;
DROP TABLE traces_fts;
CREATE VIRTUAL TABLE traces_fts USING fts5(request_json, response_json, content='traces', content_rowid='seq', detail=none);
INSERT INTO traces_fts(traces_fts) VALUES ('rebuild');
)SQL",
    // 4: records in id order per dataset (paging deep into a million records walked and sorted
    // the whole dataset), and a position-less record search index written once per batch
    // (searches match all words).
    R"SQL(
CREATE INDEX records_by_dataset ON records(dataset_id);
DROP TRIGGER records_fts_delete;
DROP TRIGGER records_fts_update;
DROP TABLE records_fts;
CREATE VIRTUAL TABLE records_fts USING fts5(text, content='records', content_rowid='id', detail=none);
CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER records_fts_update AFTER UPDATE OF text ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO records_fts(rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO records_fts(records_fts) VALUES ('rebuild');
)SQL",
    // 5: topics (steps 2 and 3). A dataset's topic hierarchy is one JSON document (topics/
    // topic_set_json.hpp owns its shape); records point at a leaf topic by its string id
    // ("t3.2") with a confidence, and a manual assignment survives re-categorization. Step
    // state holds what a step keeps between runs (coverage "skipped", ...).
    R"SQL(
ALTER TABLE records RENAME COLUMN topic_id TO topic;
ALTER TABLE records ADD COLUMN topic_manual INTEGER NOT NULL DEFAULT 0;
CREATE INDEX records_by_dataset_topic ON records(dataset_id, topic);
CREATE TABLE dataset_topics (
  dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
  topic_set_json TEXT NOT NULL,
  source TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE dataset_step_state (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  step TEXT NOT NULL,
  state_json TEXT NOT NULL,
  PRIMARY KEY (dataset_id, step)
) WITHOUT ROWID;
)SQL",
    // 6: graders (step 4), one row per saved version; the last test sample's results ride along.
    R"SQL(
CREATE TABLE graders (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  version TEXT NOT NULL,
  config_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_test_json TEXT
);
CREATE INDEX graders_by_dataset ON graders(dataset_id, id);
)SQL",
    // 7: how the topics and their assignments were made (provider or lexical embeddings, LLM or
    // keyword labels, why a provider was not used), kept with the hierarchy for the UI.
    R"SQL(
ALTER TABLE dataset_topics ADD COLUMN method_json TEXT NOT NULL DEFAULT '{}';
)SQL",
    // 8: training runs (step 6, docs/training.md): a run keeps the record ids of its split, so
    // later edits to the dataset do not move records between its parts; metric points and the
    // event log are append-only series read after a sequence number.
    R"SQL(
CREATE TABLE training_runs (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  job_id INTEGER,
  backend TEXT NOT NULL,
  base_model TEXT NOT NULL,
  state TEXT NOT NULL,
  remote_status TEXT NOT NULL DEFAULT '',
  dataset_revision INTEGER NOT NULL,
  grader_version TEXT NOT NULL,
  grader_config_json TEXT NOT NULL,
  options_json TEXT NOT NULL,
  token_sha256 TEXT NOT NULL DEFAULT '',
  remote_job_id TEXT NOT NULL DEFAULT '',
  backend_state_json TEXT NOT NULL DEFAULT '{}',
  progress_json TEXT NOT NULL DEFAULT '{}',
  rewards_json TEXT NOT NULL DEFAULT '{}',
  train_count INTEGER NOT NULL,
  valid_count INTEGER NOT NULL,
  fine_tuned_model TEXT,
  model_url TEXT,
  error TEXT,
  trainer_result_json TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER
);
CREATE INDEX training_runs_by_dataset ON training_runs(dataset_id, id);
CREATE TABLE training_split (
  run_id INTEGER NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL,
  part INTEGER NOT NULL,
  PRIMARY KEY (run_id, record_id)
) WITHOUT ROWID;
CREATE TABLE training_metrics (
  seq INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
  at_ms INTEGER NOT NULL,
  values_json TEXT NOT NULL
);
CREATE INDEX training_metrics_by_run ON training_metrics(run_id, seq);
CREATE TABLE training_events (
  seq INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
  at_ms INTEGER NOT NULL,
  level TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX training_events_by_run ON training_events(run_id, seq);
)SQL",
    // 9: deployments (step 7): which tuned model serves which traffic, with their history; a
    // routes version bumped with every change (the gateway polls it); each trace records the
    // deployment and arm that served it.
    R"SQL(
CREATE TABLE deployments (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER,
  run_id INTEGER,
  mode TEXT NOT NULL,
  base_model TEXT NOT NULL,
  tuned_model TEXT NOT NULL,
  endpoint TEXT NOT NULL DEFAULT '',
  provider TEXT NOT NULL DEFAULT '',
  share_bp INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  history_json TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  ended_at INTEGER
);
CREATE INDEX deployments_by_state ON deployments(state, id);
INSERT INTO settings (key, value) VALUES ('routes_version', '0');
ALTER TABLE traces ADD COLUMN deployment_id INTEGER;
ALTER TABLE traces ADD COLUMN arm TEXT;
CREATE INDEX traces_by_deployment ON traces(deployment_id, arm) WHERE deployment_id IS NOT NULL;
)SQL",
    // 10: step 7's measurements: a deployment's options (online scoring, guard) and how far its
    // online scoring has read; its graded traces; benchmarks of tuned against base models.
    R"SQL(
ALTER TABLE deployments ADD COLUMN options_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE deployments ADD COLUMN scored_through_seq INTEGER NOT NULL DEFAULT 0;
CREATE TABLE online_scores (
  deployment_id INTEGER NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
  trace_seq INTEGER NOT NULL,
  trace_id TEXT NOT NULL,
  arm TEXT NOT NULL,
  trace_created_at INTEGER NOT NULL,
  score REAL,
  reason TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  graded_at INTEGER NOT NULL,
  PRIMARY KEY (deployment_id, trace_seq)
) WITHOUT ROWID;
CREATE TABLE benchmarks (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  run_id INTEGER,
  job_id INTEGER NOT NULL DEFAULT 0,
  base_model TEXT NOT NULL,
  tuned_model TEXT NOT NULL,
  provider TEXT NOT NULL DEFAULT '',
  options_json TEXT NOT NULL DEFAULT '{}',
  report_json TEXT NOT NULL DEFAULT '',
  samples_json TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX benchmarks_by_dataset ON benchmarks(dataset_id, id);
)SQL",
    // 11: agent protocols (Responses, Anthropic Messages): each trace's conversation in one
    // shape, its session and the hash that lets a later call join it; Responses answers kept for
    // previous_response_id.
    R"SQL(
ALTER TABLE traces ADD COLUMN session_id TEXT;
ALTER TABLE traces ADD COLUMN conversation_json TEXT;
ALTER TABLE traces ADD COLUMN conversation_hash INTEGER;
CREATE INDEX traces_by_session ON traces(session_id, seq) WHERE session_id IS NOT NULL;
CREATE INDEX traces_by_conversation ON traces(conversation_hash) WHERE conversation_hash IS NOT NULL;
CREATE TABLE stored_responses (
  id TEXT PRIMARY KEY,
  trace_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  conversation_json TEXT NOT NULL,
  response_json TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
)SQL",
    // 12: generation for coverage gaps (step 3): runs, every record they produced with the
    // gates' verdict, and which run wrote a generated record. AUTOINCREMENT: a deleted run's id
    // is never given to a new one, so a link to it cannot open another run.
    R"SQL(
ALTER TABLE records ADD COLUMN generation_run_id INTEGER;
CREATE INDEX records_by_generation_run ON records(dataset_id, generation_run_id)
  WHERE generation_run_id IS NOT NULL;
CREATE TABLE generation_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  job_id INTEGER NOT NULL DEFAULT 0,
  model TEXT NOT NULL,
  state TEXT NOT NULL,
  review INTEGER NOT NULL DEFAULT 0,
  options_json TEXT NOT NULL DEFAULT '{}',
  plan_json TEXT NOT NULL DEFAULT '{}',
  summary_json TEXT NOT NULL DEFAULT '{}',
  error TEXT,
  created_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX generation_runs_by_dataset ON generation_runs(dataset_id, id);
CREATE TABLE generation_records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL REFERENCES generation_runs(id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  status TEXT NOT NULL,
  gate TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  seed_ids_json TEXT NOT NULL DEFAULT '[]',
  confidence REAL,
  similarity REAL,
  record_id INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX generation_records_by_run ON generation_records(run_id, status, id);
CREATE INDEX generation_records_by_record ON generation_records(record_id) WHERE record_id IS NOT NULL;
)SQL",
    // 13: the parts of a call's usage providers report apart: cached prompt tokens and reasoning
    // tokens (every protocol names them differently; the trace writer reads them all).
    R"SQL(
ALTER TABLE traces ADD COLUMN cached_tokens INTEGER;
ALTER TABLE traces ADD COLUMN reasoning_tokens INTEGER;
)SQL",
    // 14: traces at ten million (docs/gateway.md, "Traces at scale"). Every trace filter gets an
    // index that serves it newest first (the filter's column, then time), so a page is a short
    // index walk whatever the table's size; tags carry their trace's time for the same reason.
    // The answering model is indexed only where it differs from the requested one (a fallback,
    // an alias): the requested-model index serves the rest.
    // Hourly and daily rollups, kept by the trace writer in the batch's transaction, answer the
    // usage stats without reading raw rows, and a dataset remembers the last trace it pulled.
    R"SQL(
CREATE INDEX traces_answered_by_another_model ON traces(model, created_at) WHERE model <> model_requested;
CREATE INDEX traces_by_key ON traces(gateway_key_id, created_at) WHERE gateway_key_id IS NOT NULL;
CREATE INDEX traces_by_provider ON traces(provider, created_at);
CREATE INDEX traces_by_endpoint ON traces(endpoint, created_at);
CREATE INDEX traces_failed ON traces(created_at) WHERE status < 200 OR status > 299;
CREATE INDEX traces_failed_by_status ON traces(status, created_at) WHERE status < 200 OR status > 299;
CREATE INDEX traces_in_sessions ON traces(created_at) WHERE session_id IS NOT NULL;

CREATE TABLE trace_tags_by_time (
  tag TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  trace_seq INTEGER NOT NULL,
  PRIMARY KEY (tag, created_at, trace_seq)
) WITHOUT ROWID;
INSERT INTO trace_tags_by_time (tag, created_at, trace_seq)
  SELECT g.tag, t.created_at, g.trace_seq FROM trace_tags g JOIN traces t ON t.seq = g.trace_seq;
DROP TABLE trace_tags;
ALTER TABLE trace_tags_by_time RENAME TO trace_tags;
CREATE INDEX trace_tags_by_trace ON trace_tags(trace_seq);

CREATE TABLE trace_rollups_hourly (
  bucket INTEGER NOT NULL,
  model_requested TEXT NOT NULL,
  model TEXT NOT NULL,
  provider TEXT NOT NULL,
  gateway_key_id INTEGER NOT NULL,
  status INTEGER NOT NULL,
  endpoint TEXT NOT NULL,
  calls INTEGER NOT NULL,
  prompt_tokens INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  cached_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  latency_histogram BLOB NOT NULL,
  PRIMARY KEY (bucket, model_requested, model, provider, gateway_key_id, status, endpoint)
) WITHOUT ROWID;
CREATE TABLE trace_rollups_daily (
  bucket INTEGER NOT NULL,
  model_requested TEXT NOT NULL,
  model TEXT NOT NULL,
  provider TEXT NOT NULL,
  gateway_key_id INTEGER NOT NULL,
  status INTEGER NOT NULL,
  endpoint TEXT NOT NULL,
  calls INTEGER NOT NULL,
  prompt_tokens INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  cached_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  latency_histogram BLOB NOT NULL,
  PRIMARY KEY (bucket, model_requested, model, provider, gateway_key_id, status, endpoint)
) WITHOUT ROWID;
INSERT INTO trace_rollups_hourly
  SELECT created_at / 3600000, model_requested, model, provider, coalesce(gateway_key_id, 0),
         status, endpoint, count(*), sum(coalesce(prompt_tokens, 0)),
         sum(coalesce(completion_tokens, 0)), sum(coalesce(cached_tokens, 0)),
         sum(coalesce(reasoning_tokens, 0)), latency_histogram(latency_ms)
  FROM traces GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO trace_rollups_daily
  SELECT bucket / 24, model_requested, model, provider, gateway_key_id, status, endpoint,
         sum(calls), sum(prompt_tokens), sum(completion_tokens), sum(cached_tokens),
         sum(reasoning_tokens), latency_histogram_sum(latency_histogram)
  FROM trace_rollups_hourly GROUP BY 1, 2, 3, 4, 5, 6, 7;

ALTER TABLE dataset_trace_sources ADD COLUMN pulled_through_seq INTEGER NOT NULL DEFAULT 0;
)SQL",
    // 15: trace retention (docs/gateway.md, "Trace retention"). The traces' stored size in one
    // row, kept by the trace writer and the pruner in their transactions, so the size limit is
    // read without scanning (the sum below is sqlite_trace_store.cpp's kTraceTextBytes as it was
    // then); stored Responses answers by time, which the pruner deletes by age.
    R"SQL(
CREATE TABLE trace_space (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  bytes INTEGER NOT NULL
);
INSERT INTO trace_space (id, bytes)
  SELECT 1, coalesce(sum(length(CAST(request_json AS BLOB))
                         + coalesce(length(CAST(response_json AS BLOB)), 0)
                         + coalesce(length(CAST(conversation_json AS BLOB)), 0)
                         + coalesce(length(CAST(error AS BLOB)), 0)
                         + length(CAST(tags_json AS BLOB))), 0)
  FROM traces;
CREATE INDEX stored_responses_by_time ON stored_responses(created_at);
)SQL",
    // 16: the traces' full-text index merges its segments only when asked, in small steps of
    // their own (SqliteTraceStore::merge_search_index), not inside the transaction that wrote
    // the segment: such a merge held the trace writer and the pruner up to 100 ms at 100,000
    // traces (bench/README.md, "Pruning while the gateway writes"). Crisis merges (16 segments
    // on a level) stay, as a bound if nobody merges.
    R"SQL(
INSERT INTO traces_fts(traces_fts, rank) VALUES ('automerge', 0);
)SQL",
    // 17: team access (docs/access.md). Names are unique without regard to case; a removed
    // user's id is never given to another (the audit log names users by id); the audit log is
    // read newest first by user or by action, hence an index on each with the id.
    R"SQL(
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  password_hash TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  last_sign_in_at INTEGER
);
CREATE TABLE user_sessions (
  secret_sha256 TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  remote_address TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX user_sessions_by_user ON user_sessions(user_id);
CREATE INDEX user_sessions_by_expiry ON user_sessions(expires_at);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  token_sha256 TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER,
  user_name TEXT NOT NULL,
  via TEXT NOT NULL,
  action TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  target_json TEXT NOT NULL DEFAULT '{}',
  remote_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_user ON audit_log(user_name COLLATE NOCASE, id);
CREATE INDEX audit_log_by_action ON audit_log(action, id);
)SQL",
    // 18: job leases (docs/architecture.md, "Jobs and crash safety"): the instance running a job
    // renews its lease, another takes the job over once it lapses; runs_on keeps a job on the
    // instance that has its files.
    R"SQL(
ALTER TABLE jobs ADD COLUMN runs_on TEXT;
ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_expires_at INTEGER;
)SQL",
    // 19: failed sign-ins (docs/access.md, "Rate limit"), in the store so a restart keeps them and
    // instances sharing a store count them together. Read newest first by key; pruned by time.
    R"SQL(
CREATE TABLE sign_in_failures (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('name', 'address')),
  key TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures(kind, key, at_ms);
CREATE INDEX sign_in_failures_by_time ON sign_in_failures(at_ms);
)SQL",
    // 20: the records' search index moves to a file of its own, filled behind the store's writes
    // (store/sqlite_record_search.hpp): the store logs its changes here, the index builds itself
    // anew from every record at the first start. AUTOINCREMENT: an applied change's seq is
    // never reused after the log is pruned; the token tells a change from another that took
    // its number after reinforge.db lost its last commits.
    R"SQL(
DROP TRIGGER records_fts_delete;
DROP TRIGGER records_fts_update;
DROP TABLE records_fts;
CREATE TABLE record_search_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  first_id INTEGER NOT NULL,
  last_id INTEGER NOT NULL,
  old_text TEXT,
  token INTEGER NOT NULL DEFAULT (random())
);
CREATE TABLE record_search_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value TEXT NOT NULL
);
INSERT INTO record_search_generation(id, value) VALUES (1, lower(hex(randomblob(16))));
CREATE TRIGGER record_search_on_delete AFTER DELETE ON records BEGIN
  INSERT INTO record_search_changes(first_id, last_id, old_text) VALUES (old.id, old.id, old.text);
END;
CREATE TRIGGER record_search_on_reword AFTER UPDATE OF text ON records
WHEN old.text IS NOT new.text BEGIN
  INSERT INTO record_search_changes(first_id, last_id, old_text) VALUES (old.id, old.id, old.text);
END;
)SQL",
};

void apply_migrations(Connection& connection) {
  auto version_statement = connection.prepare("PRAGMA user_version");
  version_statement.step();
  int64_t applied = version_statement.column_int(0);
  version_statement.reset();
  const int64_t latest = static_cast<int64_t>(std::size(kMigrations));
  // Written by a newer Reinforge: this one would misread it (PostgreSQL's migrations refuse the
  // same way).
  if (applied > latest) {
    throw std::runtime_error("the database's schema is version " + std::to_string(applied) +
                             ", newer than this Reinforge knows (" + std::to_string(latest) +
                             "): upgrade Reinforge, or point it at another data directory");
  }
  // A big store takes a while to upgrade (new indexes over every trace): say why the start waits.
  if (applied > 0 && applied < latest) {
    std::cerr << "reinforge: upgrading the store's schema from version " << applied << " to "
              << latest << "\n";
  }
  for (int64_t version = applied; version < latest; ++version) {
    Transaction transaction(connection);
    connection.execute_script(kMigrations[version]);
    // user_version takes no bound parameter; the value is our own integer, not input.
    connection.execute_script(("PRAGMA user_version=" + std::to_string(version + 1)).c_str());
    transaction.commit();
  }
}

}  // namespace reinforge::store
