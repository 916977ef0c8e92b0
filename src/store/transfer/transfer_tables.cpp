#include "store/transfer/transfer_tables.hpp"

#include <optional>

#include "store/postgres/pg_text_search.hpp"

namespace reinforge::store::transfer {

namespace {

// traces.search on PostgreSQL: the words of both bodies, found as PgTraceStore's writer finds them.
std::string trace_search_words(std::span<const Value* const> inputs) {
  const auto* request = std::get_if<std::string>(inputs[0]);
  const auto* response = std::get_if<std::string>(inputs[1]);
  return postgres::trace_search_vector(
      request ? std::string_view(*request) : std::string_view(),
      response ? std::optional<std::string>(*response) : std::nullopt);
}

// records.search on PostgreSQL: the words of the record's line, as PgStore's writes find them.
std::string record_search_words(std::span<const Value* const> inputs) {
  const auto* text = std::get_if<std::string>(inputs[0]);
  return postgres::record_search_vector(text ? std::string_view(*text) : std::string_view());
}

const std::vector<const char*> kRollupKey = {
    "bucket", "model_requested", "model", "provider", "gateway_key_id", "status", "endpoint"};

}  // namespace

const std::vector<TableSpec>& transfer_tables() {
  static const std::vector<TableSpec> tables = {
      {.name = "settings", .key = {"key"}, .user_rows = "key <> 'routes_version'"},
      // Team access (access_store.hpp).
      {.name = "users", .key = {"id"}, .drawn_id = "id"},
      {.name = "user_sessions", .key = {"secret_sha256"}},
      {.name = "api_tokens", .key = {"id"}, .drawn_id = "id"},
      {.name = "audit_log", .key = {"id"}, .drawn_id = "id"},
      {.name = "sign_in_failures", .key = {"id"}, .drawn_id = "id"},
      // The main store (store.hpp). aggregates_version marks a PostgreSQL instance's cached
      // counts stale; the target advances it instead.
      {.name = "datasets",
       .key = {"id"},
       .drawn_id = "id",
       .derived_columns = {"aggregates_version"}},
      {.name = "records",
       .key = {"id"},
       .drawn_id = "id",
       .derived_columns = {"search"},
       .computed_on_postgresql = {{"search", {"text"}, record_search_words}}},
      {.name = "record_issue_codes", .key = {"record_id", "code"}},
      {.name = "jobs", .key = {"id"}, .drawn_id = "id"},
      {.name = "dataset_topics", .key = {"dataset_id"}},
      {.name = "dataset_step_state", .key = {"dataset_id", "step"}},
      {.name = "graders", .key = {"id"}, .drawn_id = "id"},
      {.name = "generation_runs", .key = {"id"}, .drawn_id = "id"},
      {.name = "generation_records", .key = {"id"}, .drawn_id = "id"},
      // Training (training_store.hpp) and deployments (deployment_store.hpp).
      {.name = "training_runs", .key = {"id"}, .drawn_id = "id"},
      {.name = "training_split", .key = {"run_id", "record_id"}},
      {.name = "training_metrics", .key = {"seq"}, .drawn_id = "seq"},
      {.name = "training_events", .key = {"seq"}, .drawn_id = "seq"},
      {.name = "deployments", .key = {"id"}, .drawn_id = "id"},
      {.name = "online_scores", .key = {"deployment_id", "trace_seq"}},
      {.name = "benchmarks", .key = {"id"}, .drawn_id = "id"},
      // The gateway (trace_store.hpp). The rollups are copied, not recounted: they keep the
      // history of traces retention has pruned.
      {.name = "gateway_keys", .key = {"id"}, .drawn_id = "id"},
      {.name = "dataset_trace_sources", .key = {"dataset_id"}},
      {.name = "traces",
       .key = {"seq"},
       .drawn_id = "seq",
       .derived_columns = {"search"},
       .computed_on_postgresql = {{"search",
                                   {"request_json", "response_json"},
                                   trace_search_words}}},
      {.name = "trace_tags", .key = {"tag", "created_at", "trace_seq"}},
      {.name = "stored_responses", .key = {"id"}},
      {.name = "trace_rollups_hourly",
       .key = kRollupKey,
       .histogram_columns = {"latency_histogram"}},
      {.name = "trace_rollups_daily",
       .key = kRollupKey,
       .histogram_columns = {"latency_histogram"}},
  };
  return tables;
}

bool is_derived_table(Backend backend, std::string_view table) {
  if (table == "trace_space") return true;
  if (backend == Backend::sqlite) {
    // SQLite's own (sqlite_sequence, sqlite_stat1) and the FTS5 indexes with their shadow tables.
    // The records' search log (store/sqlite_record_search.hpp) describes this store's index
    // file: the target builds its own.
    return table.starts_with("sqlite_") || table.starts_with("records_fts") ||
           table.starts_with("traces_fts") || table.starts_with("record_search_");
  }
  return table == "reinforge_schema" || table == "routes_version";
}

std::span<const DerivedStatement> derived_data_statements(Backend backend) {
  // trace_space: the traces' stored text as each backend's writer counts it (SQLite's is
  // sqlite_trace_store.cpp's kTraceTextBytes; PostgreSQL's what its pruner subtracts).
  static const DerivedStatement sqlite[] = {
      // A new generation: the index file beside the copy (any) is rebuilt at the next start.
      {"records' search index set to rebuild",
       "UPDATE record_search_generation SET value = lower(hex(randomblob(16)))"},
      {"records' search log cleared", "DELETE FROM record_search_changes"},
      {"traces' search index rebuilt", "INSERT INTO traces_fts(traces_fts) VALUES ('rebuild')"},
      {"traces' stored size recounted",
       "UPDATE trace_space SET bytes = (SELECT coalesce(sum(length(CAST(request_json AS BLOB)) + "
       "coalesce(length(CAST(response_json AS BLOB)), 0) + "
       "coalesce(length(CAST(conversation_json AS BLOB)), 0) + "
       "coalesce(length(CAST(error AS BLOB)), 0) + length(CAST(tags_json AS BLOB))), 0) FROM "
       "traces)"},
  };
  static const DerivedStatement postgresql[] = {
      {"traces' stored size recounted",
       "UPDATE trace_space SET bytes = (SELECT coalesce(sum(octet_length(request_json) + "
       "coalesce(octet_length(response_json), 0) + coalesce(octet_length(conversation_json), 0) + "
       "coalesce(octet_length(error), 0) + octet_length(tags_json)), 0) FROM traces)"},
  };
  if (backend == Backend::sqlite) return sqlite;
  return postgresql;
}

}  // namespace reinforge::store::transfer
