// TraceStore on PostgreSQL: the same rows and rules as sqlite_trace_store.cpp, for several
// instances on one database (docs/postgresql.md). Batches go in with COPY; the list's SQL is
// pg_trace_list_query.*, the rollups' pg_trace_rollups.*.
#include "store/postgres/pg_trace_store.hpp"

#include <algorithm>
#include <atomic>
#include <set>

#include "store/postgres/pg_copy_feed.hpp"
#include "store/postgres/pg_copy_rows.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store/postgres/pg_pool.hpp"
#include "store/postgres/pg_sql_builder.hpp"
#include "store/postgres/pg_text_search.hpp"
#include "store/postgres/pg_trace_list_query.hpp"
#include "store/postgres/pg_trace_rollups.hpp"
#include "store/trace_list_query.hpp"
#include "store/trace_rollups.hpp"
#include "store/trace_stats_grouping.hpp"
#include "store/trace_tags_json.hpp"
#include "util/clock.hpp"

namespace reinforge::store::postgres {
namespace {

constexpr const char* kTraceColumns =
    "t.seq, t.id, t.created_at, t.endpoint, t.model_requested, t.model, t.provider, t.stream, "
    "t.status, t.error, t.latency_ms, t.ttft_ms, t.prompt_tokens, t.completion_tokens, "
    "t.total_tokens, t.gateway_key_id, t.attempts, t.tags_json, t.deployment_id, t.arm, "
    "t.session_id, t.cached_tokens, t.reasoning_tokens";
// Columns 23 to 25 when bodies are asked for.
constexpr const char* kTraceBodyColumns = ", t.request_json, t.response_json, t.conversation_json";

constexpr const char* kCopyTraces =
    "COPY traces (seq, id, created_at, endpoint, model_requested, model, provider, stream, status, "
    "error, latency_ms, ttft_ms, prompt_tokens, completion_tokens, total_tokens, cached_tokens, "
    "reasoning_tokens, gateway_key_id, attempts, tags_json, deployment_id, arm, session_id, "
    "conversation_hash, request_json, response_json, conversation_json, search) FROM STDIN";

// A walk in seq order along the primary key, from its cursor, whatever the filter (a pull, an
// export): an index that serves a filter would hand every match over again each batch, to be
// sorted by seq. PostgreSQL has no INDEXED BY; with sorts and bitmap scans priced out, the
// planner takes the only plan left that yields seq order, the primary key's.
constexpr const char* kWalkAlongSeq =
    "SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off";

// Index walks priced out for the statement, sequential scans too: the bitmap scans that are left
// read a search's few matches (or another filter's) from their indexes, to be sorted.
constexpr const char* kFewMatchesThroughTheSearchIndex =
    "SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off";

std::string trace_columns(bool with_bodies) {
  return std::string(kTraceColumns) + (with_bodies ? kTraceBodyColumns : "");
}

Trace read_trace(const PgResult& rows, int row, bool with_bodies) {
  Trace trace;
  trace.seq = rows.int_at(row, 0);
  trace.id = rows.text_at(row, 1);
  trace.created_at_ms = rows.int_at(row, 2);
  trace.endpoint = rows.text_at(row, 3);
  trace.model_requested = rows.text_at(row, 4);
  trace.model = rows.text_at(row, 5);
  trace.provider = rows.text_at(row, 6);
  trace.stream = rows.text_at(row, 7) == "t";
  trace.status = static_cast<int>(rows.int_at(row, 8));
  trace.error = rows.optional_text_at(row, 9);
  trace.latency_ms = rows.double_at(row, 10);
  trace.ttft_ms = rows.optional_double_at(row, 11);
  trace.prompt_tokens = rows.optional_int_at(row, 12);
  trace.completion_tokens = rows.optional_int_at(row, 13);
  trace.total_tokens = rows.optional_int_at(row, 14);
  trace.gateway_key_id = rows.optional_int_at(row, 15);
  trace.attempts = static_cast<int>(rows.int_at(row, 16));
  trace.tags = tags_from_json(rows.text_at(row, 17));
  trace.deployment_id = rows.optional_int_at(row, 18);
  trace.arm = rows.optional_text_at(row, 19).value_or("");
  trace.session_id = rows.optional_text_at(row, 20).value_or("");
  trace.cached_tokens = rows.optional_int_at(row, 21);
  trace.reasoning_tokens = rows.optional_int_at(row, 22);
  if (with_bodies) {
    trace.request_json = rows.text_at(row, 23);
    trace.response_json = rows.optional_text_at(row, 24);
    trace.conversation_json = rows.optional_text_at(row, 25);
  }
  return trace;
}

std::vector<Trace> read_traces(const PgResult& rows, bool with_bodies) {
  std::vector<Trace> traces;
  traces.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) traces.push_back(read_trace(rows, row, with_bodies));
  return traces;
}

GatewayKey read_key(const PgResult& rows, int row) {
  return GatewayKey{rows.int_at(row, 0), rows.text_at(row, 1), rows.text_at(row, 2),
                    rows.int_at(row, 3), rows.optional_int_at(row, 4)};
}

// Rows of (day, model, status, latency_ms, prompt_tokens, completion_tokens) ordered by day and
// model, folded into one TraceStatsRow per (day, model).
std::vector<TraceStatsRow> grouped_stats(const PgResult& rows) {
  TraceStatsGrouping grouping;
  for (int row = 0; row < rows.rows(); ++row) {
    grouping.add(rows.text_at(row, 0), rows.text_at(row, 1), rows.int_at(row, 2),
                 rows.double_at(row, 3), rows.int_at(row, 4), rows.int_at(row, 5));
  }
  return grouping.finish();
}

// One trace as a row of kCopyTraces; returns the stored text's bytes (what the pruner will
// subtract from trace_space).
int64_t add_trace_row(PgCopyRows& rows, const Trace& trace, int64_t seq) {
  int64_t text_bytes = 0;
  rows.integer(seq);
  rows.text(trace.id);
  rows.integer(trace.created_at_ms);
  rows.text(trace.endpoint);
  rows.text(trace.model_requested);
  rows.text(trace.model);
  rows.text(trace.provider);
  rows.boolean(trace.stream);
  rows.integer(int64_t{trace.status});
  text_bytes += static_cast<int64_t>(rows.text(trace.error));
  rows.real(trace.latency_ms);
  rows.real(trace.ttft_ms);
  rows.integer(trace.prompt_tokens);
  rows.integer(trace.completion_tokens);
  rows.integer(trace.total_tokens);
  rows.integer(trace.cached_tokens);
  rows.integer(trace.reasoning_tokens);
  rows.integer(trace.gateway_key_id);
  rows.integer(int64_t{trace.attempts});
  text_bytes += static_cast<int64_t>(rows.text(tags_to_json(trace.tags)));
  rows.integer(trace.deployment_id);
  if (trace.arm.empty())
    rows.null();
  else
    rows.text(trace.arm);
  if (trace.session_id.empty())
    rows.null();
  else
    rows.text(trace.session_id);
  rows.integer(trace.conversation_hash);
  text_bytes += static_cast<int64_t>(rows.text(trace.request_json));
  text_bytes += static_cast<int64_t>(rows.text(trace.response_json));
  text_bytes += static_cast<int64_t>(rows.text(trace.conversation_json));
  rows.text(trace_search_vector(trace.request_json, trace.response_json));
  rows.end_row();
  return text_bytes;
}

PgValue integer(int64_t value) {
  return PgValue(std::in_place_type<int64_t>, value);
}

std::chrono::steady_clock::duration since(std::chrono::steady_clock::time_point start) {
  return std::chrono::steady_clock::now() - start;
}

// What the walk of this transaction read so far (rows fetched from the traces and the records,
// by any scan): the pull's work, counted without a timer.
int64_t rows_read(PgConnection& connection) {
  return connection
      .exec(
          "SELECT coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0) FROM "
          "pg_stat_xact_user_tables WHERE relname IN ('traces', 'records')")
      .int_at(0, 0);
}

class PgTraceStore final : public TraceStore {
 public:
  // Each query planned for its values (see pg_trace_list_query.hpp).
  explicit PgTraceStore(const std::string& conninfo)
      : pool_(conninfo, 4, "SET plan_cache_mode = force_custom_plan") {
    auto connection = pool_.lease();
    apply_pg_migrations(*connection);
  }

  void insert_traces(std::span<const Trace> traces) override {
    if (traces.empty()) return;
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    // trace_space's row is the writers' lock: held from taking the seqs to the commit, so the
    // batches of every instance commit in seq order (the table's comment in migration 5).
    auto asked_at = std::chrono::steady_clock::now();
    connection->exec("SELECT bytes FROM trace_space FOR UPDATE");
    last_insert_lock_wait_ = since(asked_at);
    // The batch's seqs as one range: nobody else takes from the sequence while this holds the
    // lock (a nextval per trace cost the server a millisecond per thousand).
    const auto count = static_cast<int64_t>(traces.size());
    const int64_t first_seq =
        connection
            ->exec("SELECT setval('traces_seq_seq', nextval('traces_seq_seq') + $1 - 1) - $1 + 1",
                   {integer(count)})
            .int_at(0, 0);

    PgCopyRows tags;
    int64_t text_bytes = 0;  // the stored text, as the pruner will subtract it
    PgCopyFeed feed(*connection, kCopyTraces);
    for (std::size_t i = 0; i < traces.size(); ++i) {
      const int64_t seq = first_seq + static_cast<int64_t>(i);
      text_bytes += add_trace_row(feed.rows(), traces[i], seq);
      feed.row_written();
      // A tag given twice is stored once (SQLite: INSERT OR IGNORE), compared as stored: two
      // tags cut inside different characters both end in U+FFFD.
      std::set<std::string> distinct;
      for (const auto& tag : traces[i].tags)
        distinct.insert(copies_unchanged(tag) ? tag : text_as_copied(tag));
      for (const auto& tag : distinct) {
        tags.text(tag);
        tags.integer(traces[i].created_at_ms);
        tags.integer(seq);
        tags.end_row();
      }
    }
    feed.finish();
    if (!tags.empty())
      connection->copy_rows("COPY trace_tags (tag, created_at, trace_seq) FROM STDIN", tags.data());
    pg_trace_rollups::add_traces(*connection, traces);
    connection->exec("UPDATE trace_space SET bytes = bytes + $1", {integer(text_bytes)});
    transaction.commit();
  }

  std::chrono::steady_clock::duration last_insert_lock_wait() const override {
    return last_insert_lock_wait_;
  }

  int64_t prune_traces(int64_t before_ms, int64_t max_rows) override {
    if (max_rows <= 0) return 0;
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    int64_t last_seq = connection->exec("SELECT coalesce(max(seq), 0) FROM traces").int_at(0, 0);
    // Where the batch ends: the max_rows-th oldest trace before the cut; with fewer, the cut.
    int64_t end_time = before_ms;
    int64_t end_seq = -1;
    auto end = connection->exec(
        "SELECT created_at, seq FROM traces WHERE created_at < $1 AND seq < $2 "
        "ORDER BY created_at, seq LIMIT 1 OFFSET $3",
        {integer(before_ms), integer(last_seq), integer(max_rows - 1)});
    if (end.rows()) {
      end_time = end.int_at(0, 0);
      end_seq = end.int_at(0, 1);
    }
    // The traces, their tags and their counted size in one statement; deletes block no writer
    // (the search index goes with the rows).
    auto gone = connection->exec(
        "WITH gone AS (DELETE FROM traces WHERE (created_at, seq) <= ($1, $2) AND seq < $3 "
        "RETURNING seq, octet_length(request_json) + coalesce(octet_length(response_json), 0) + "
        "coalesce(octet_length(conversation_json), 0) + coalesce(octet_length(error), 0) + "
        "octet_length(tags_json) AS bytes), "
        "tags AS (DELETE FROM trace_tags WHERE trace_seq IN (SELECT seq FROM gone)) "
        "SELECT count(*), coalesce(sum(bytes), 0) FROM gone",
        {integer(end_time), integer(end_seq), integer(last_seq)});
    int64_t deleted = gone.int_at(0, 0);
    // Stored answers as old as the traces gone: before the cut and before every trace kept.
    int64_t oldest_kept =
        connection->exec("SELECT coalesce(min(created_at), 0) FROM traces").int_at(0, 0);
    int64_t answers_before = last_seq > 0 ? std::min(before_ms, oldest_kept) : before_ms;
    connection->exec("DELETE FROM stored_responses WHERE created_at < $1",
                     {integer(answers_before)});
    // The one lock the trace writer waits on, taken last: held from here to the commit.
    auto locked_at = std::chrono::steady_clock::now();
    connection->exec("UPDATE trace_space SET bytes = bytes - $1", {integer(gone.int_at(0, 1))});
    transaction.commit();
    last_prune_lock_time_ = since(locked_at);
    return deleted;
  }

  std::chrono::steady_clock::duration last_prune_lock_time() const override {
    return last_prune_lock_time_;
  }

  // GIN keeps new entries in a pending list that autovacuum, or the insert that fills
  // gin_pending_list_limit, merges into the index; this merges it now, all of it.
  bool merge_search_index(std::chrono::milliseconds) override {
    auto connection = pool_.lease();
    connection->exec("SELECT gin_clean_pending_list('traces_search'::regclass)");
    return false;
  }

  // The server checkpoints on its own.
  void checkpoint() override {}

  int64_t trace_bytes() override {
    auto connection = pool_.lease();
    return connection->exec("SELECT bytes FROM trace_space").int_at(0, 0);
  }

  std::vector<Trace> traces_after(const TraceFilter& filter, int64_t after_seq,
                                  int64_t max) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    connection->execute_script(kWalkAlongSeq);
    SqlBuilder sql;
    sql.add("SELECT ")
        .add(trace_columns(true))
        .add(" FROM traces t WHERE t.seq > ?", {after_seq})
        .add(pg_trace_list_query::predicates(filter))
        .add(" ORDER BY t.seq LIMIT ?", {max});
    auto traces = read_traces(exec(*connection, sql), true);
    transaction.commit();
    return traces;
  }

  TracePage list_traces(const TraceFilter& filter, bool with_bodies) override {
    auto connection = pool_.lease();
    TracePage page;
    int64_t counted =
        exec(*connection, pg_trace_list_query::capped_count(filter, kTraceTotalCap + 1))
            .int_at(0, 0);
    page.total = std::min(counted, kTraceTotalCap);
    page.total_exact = counted <= kTraceTotalCap;
    TraceFilter one_more = filter;
    one_more.limit = filter.limit + 1;  // tells whether another page follows
    auto page_sql = pg_trace_list_query::page(one_more, trace_columns(with_bodies));
    if (page.total_exact && pg_trace_list_query::is_text_search(filter)) {
      // At most kTraceTotalCap matches (just counted): read through the GIN index and sorted.
      // The planner guesses a word it has no statistics for in 0.2% of the traces and walks
      // the primary key instead, through the whole table for a word no trace has (3.7 s at a
      // million traces, 1 ms this way).
      PgTransaction transaction(*connection);
      connection->execute_script(kFewMatchesThroughTheSearchIndex);
      page.traces = read_traces(exec(*connection, page_sql), with_bodies);
      transaction.commit();
    } else {
      page.traces = read_traces(exec(*connection, page_sql), with_bodies);
    }
    if (static_cast<int64_t>(page.traces.size()) > filter.limit) {
      page.traces.resize(static_cast<std::size_t>(filter.limit));
      page.next = TracePosition{page.traces.back().created_at_ms, page.traces.back().seq};
    }
    return page;
  }

  std::optional<Trace> find_trace(const std::string& id) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(std::string("SELECT ") + kTraceColumns + kTraceBodyColumns +
                                     " FROM traces t WHERE t.id = $1",
                                 {id});
    if (!rows.rows()) return std::nullopt;
    return read_trace(rows, 0, true);
  }

  std::vector<TraceStatsRow> trace_stats(const TraceFilter& filter) override {
    auto connection = pool_.lease();
    if (trace_rollups::can_answer(filter)) return pg_trace_rollups::stats(*connection, filter);
    // A tag, a text search or a session: the matching rows themselves. Models in byte order
    // (COLLATE "C"), as SQLite and the rollups' std::map order them.
    SqlBuilder sql;
    sql.add(
           "SELECT to_char(to_timestamp(t.created_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "
           "day, "
           "t.model_requested, t.status, t.latency_ms, coalesce(t.prompt_tokens, 0), "
           "coalesce(t.completion_tokens, 0) FROM traces t WHERE true")
        .add(pg_trace_list_query::predicates(filter))
        .add(" ORDER BY day, t.model_requested COLLATE \"C\"");
    return grouped_stats(exec(*connection, sql));
  }

  std::vector<TraceStatsRow> deployment_arm_stats(int64_t deployment_id) override {
    auto connection = pool_.lease();
    return grouped_stats(connection->exec(
        "SELECT '', coalesce(t.arm, ''), t.status, t.latency_ms, coalesce(t.prompt_tokens, 0), "
        "coalesce(t.completion_tokens, 0) FROM traces t WHERE t.deployment_id = $1 "
        "ORDER BY coalesce(t.arm, '') COLLATE \"C\"",
        {integer(deployment_id)}));
  }

  std::vector<TraceStatsRow> deployment_arm_timeline(int64_t deployment_id,
                                                     int64_t bucket_ms) override {
    auto connection = pool_.lease();
    return grouped_stats(connection->exec(
        "SELECT (t.created_at / $1::bigint)::text, coalesce(t.arm, ''), t.status, t.latency_ms, "
        "coalesce(t.prompt_tokens, 0), coalesce(t.completion_tokens, 0) FROM traces t "
        "WHERE t.deployment_id = $2 ORDER BY t.created_at / $1::bigint, coalesce(t.arm, '') "
        "COLLATE \"C\"",
        {integer(bucket_ms), integer(deployment_id)}));
  }

  std::vector<Trace> deployment_traces_after(int64_t deployment_id, int64_t after_seq,
                                             int64_t max) override {
    auto connection = pool_.lease();
    return read_traces(
        connection->exec(std::string("SELECT ") + kTraceColumns + kTraceBodyColumns +
                             " FROM traces t WHERE t.deployment_id = $1 AND t.seq > $2 "
                             "ORDER BY t.seq LIMIT $3",
                         {integer(deployment_id), integer(after_seq), integer(max)}),
        true);
  }

  std::optional<std::string> session_of_conversation(int64_t hash) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "SELECT session_id FROM traces WHERE conversation_hash = $1 AND session_id IS NOT NULL "
        "ORDER BY seq DESC LIMIT 1",
        {integer(hash)});
    if (!rows.rows()) return std::nullopt;
    return rows.text_at(0, 0);
  }

  void merge_session(const std::string& from, const std::string& into) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    connection->exec("UPDATE traces SET session_id = $1 WHERE session_id = $2", {into, from});
    connection->exec("UPDATE stored_responses SET session_id = $1 WHERE session_id = $2",
                     {into, from});
    transaction.commit();
  }

  void save_stored_responses(std::span<const StoredResponse> responses) override {
    if (responses.empty()) return;
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    for (const auto& response : responses) {
      connection->exec(
          "INSERT INTO stored_responses (id, trace_id, session_id, conversation_json, "
          "response_json, "
          "created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET "
          "trace_id = excluded.trace_id, session_id = excluded.session_id, "
          "conversation_json = excluded.conversation_json, response_json = excluded.response_json, "
          "created_at = excluded.created_at",
          {response.id, response.trace_id, response.session_id, response.conversation_json,
           response.response_json, integer(response.created_at_ms)});
    }
    transaction.commit();
  }

  std::optional<StoredResponse> find_stored_response(const std::string& id) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "SELECT s.id, s.trace_id, s.session_id, s.conversation_json, s.response_json, "
        "s.created_at, t.gateway_key_id FROM stored_responses s LEFT JOIN traces t ON "
        "t.id = s.trace_id WHERE s.id = $1",
        {id});
    if (!rows.rows()) return std::nullopt;
    return StoredResponse{
        rows.text_at(0, 0),
        rows.text_at(0, 1),
        rows.text_at(0, 2),
        rows.text_at(0, 3),
        rows.text_at(0, 4),
        rows.int_at(0, 5),
        rows.is_null(0, 6) ? std::nullopt : std::optional<int64_t>(rows.int_at(0, 6))};
  }

  TracesToPull traces_to_pull(const TraceFilter& filter, int64_t dataset_id, int64_t after_seq,
                              int64_t max) override {
    auto connection = pool_.lease();
    // One snapshot for both reads: every trace up to the newest one it holds is visible to the
    // walk, so when the walk ends short of `max` it has looked at all of them (and batches
    // commit in seq order, so none below it can still arrive).
    PgTransaction transaction(*connection, "BEGIN ISOLATION LEVEL REPEATABLE READ");
    connection->execute_script(kWalkAlongSeq);
    int64_t newest = connection->exec("SELECT coalesce(max(seq), 0) FROM traces").int_at(0, 0);
    SqlBuilder sql;
    sql.add("SELECT ")
        .add(trace_columns(true))
        .add(pg_trace_list_query::pull_walk(filter, after_seq))
        .add(
            " AND NOT EXISTS (SELECT 1 FROM records r WHERE r.dataset_id = ? AND r.trace_id = "
            "t.id)",
            {dataset_id})
        .add(" ORDER BY t.seq LIMIT ?", {max});
    int64_t read_before = rows_read(*connection);
    TracesToPull batch;
    batch.traces = read_traces(exec(*connection, sql), true);
    last_pull_steps_ = rows_read(*connection) - read_before;
    transaction.commit();
    batch.scanned_through_seq =
        static_cast<int64_t>(batch.traces.size()) == max
            ? batch.traces.back().seq
            : std::max({after_seq, newest, batch.traces.empty() ? 0 : batch.traces.back().seq});
    return batch;
  }

  int64_t last_pull_steps() const override { return last_pull_steps_; }

  int64_t count_traces_to_pull(const TraceFilter& filter, int64_t after_seq, int64_t cap) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    connection->execute_script(kWalkAlongSeq);
    SqlBuilder sql;
    sql.add("SELECT count(*) FROM (SELECT 1")
        .add(pg_trace_list_query::pull_walk(filter, after_seq))
        .add(" ORDER BY t.seq LIMIT ?) c", {cap});
    int64_t counted = exec(*connection, sql).int_at(0, 0);
    transaction.commit();
    return counted;
  }

  int64_t count_records_from_traces(const TraceFilter& filter, int64_t dataset_id) override {
    auto connection = pool_.lease();
    SqlBuilder sql;
    sql.add(
           "SELECT count(*) FROM records r JOIN traces t ON t.id = r.trace_id "
           "WHERE r.dataset_id = ? AND r.trace_id IS NOT NULL",
           {dataset_id})
        .add(trace_list_query::kPullable)
        .add(pg_trace_list_query::predicates(filter));
    return exec(*connection, sql).int_at(0, 0);
  }

  std::vector<Trace> selected_traces_not_in_dataset(std::span<const std::string> ids,
                                                    int64_t dataset_id) override {
    auto connection = pool_.lease();
    std::vector<Trace> traces;
    for (const auto& id : ids) {
      auto rows = connection->exec(
          std::string("SELECT ") + kTraceColumns + kTraceBodyColumns +
              " FROM traces t WHERE t.id = $1 AND NOT EXISTS "
              "(SELECT 1 FROM records r WHERE r.dataset_id = $2 AND r.trace_id = t.id)",
          {id, integer(dataset_id)});
      if (rows.rows()) traces.push_back(read_trace(rows, 0, true));
    }
    std::sort(traces.begin(), traces.end(),
              [](const Trace& a, const Trace& b) { return a.seq < b.seq; });
    traces.erase(std::unique(traces.begin(), traces.end(),
                             [](const Trace& a, const Trace& b) { return a.seq == b.seq; }),
                 traces.end());
    return traces;
  }

  GatewayKey create_gateway_key(const std::string& name, const std::string& prefix,
                                const std::string& sha256) override {
    auto connection = pool_.lease();
    int64_t now = util::now_unix_seconds();
    auto rows = connection->exec(
        "INSERT INTO gateway_keys (name, prefix, sha256, created_at) VALUES ($1, $2, $3, $4) "
        "RETURNING id",
        {name, prefix, sha256, integer(now)});
    return GatewayKey{rows.int_at(0, 0), name, prefix, now, std::nullopt};
  }

  std::vector<GatewayKey> list_gateway_keys() override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "SELECT id, name, prefix, created_at, revoked_at FROM gateway_keys ORDER BY id");
    std::vector<GatewayKey> keys;
    for (int row = 0; row < rows.rows(); ++row) keys.push_back(read_key(rows, row));
    return keys;
  }

  bool revoke_gateway_key(int64_t id) override {
    auto connection = pool_.lease();
    return connection
               ->exec(
                   "UPDATE gateway_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                   {integer(util::now_unix_seconds()), integer(id)})
               .affected() > 0;
  }

  std::optional<GatewayKey> find_active_gateway_key(const std::string& sha256) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "SELECT id, name, prefix, created_at, revoked_at FROM gateway_keys WHERE sha256 = $1 AND "
        "revoked_at IS NULL",
        {sha256});
    if (!rows.rows()) return std::nullopt;
    return read_key(rows, 0);
  }

  std::vector<std::pair<std::string, int64_t>> active_gateway_key_hashes() override {
    auto connection = pool_.lease();
    auto rows = connection->exec("SELECT sha256, id FROM gateway_keys WHERE revoked_at IS NULL");
    std::vector<std::pair<std::string, int64_t>> hashes;
    for (int row = 0; row < rows.rows(); ++row)
      hashes.emplace_back(rows.text_at(row, 0), rows.int_at(row, 1));
    return hashes;
  }

  void save_dataset_trace_source(const DatasetTraceSource& source) override {
    auto connection = pool_.lease();
    connection->exec(
        "INSERT INTO dataset_trace_sources (dataset_id, filter_json, last_pulled_at, "
        "pulled_through_seq) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT (dataset_id) DO UPDATE SET filter_json = "
        "excluded.filter_json, "
        "last_pulled_at = excluded.last_pulled_at, pulled_through_seq = "
        "excluded.pulled_through_seq",
        {integer(source.dataset_id), source.filter_json, optional_value(source.last_pulled_at),
         integer(source.pulled_through_seq)});
  }

  std::optional<DatasetTraceSource> find_dataset_trace_source(int64_t dataset_id) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "SELECT dataset_id, filter_json, last_pulled_at, pulled_through_seq FROM "
        "dataset_trace_sources "
        "WHERE dataset_id = $1",
        {integer(dataset_id)});
    if (!rows.rows()) return std::nullopt;
    return DatasetTraceSource{rows.int_at(0, 0), rows.text_at(0, 1), rows.optional_int_at(0, 2),
                              rows.int_at(0, 3)};
  }

 private:
  PgPool pool_;
  // Written by one caller, read by another (the writer's and the pruner's own figures).
  std::atomic<std::chrono::steady_clock::duration> last_insert_lock_wait_{};
  std::atomic<std::chrono::steady_clock::duration> last_prune_lock_time_{};
  std::atomic<int64_t> last_pull_steps_ = 0;
};

}  // namespace

std::unique_ptr<TraceStore> open_pg_trace_store(const std::string& conninfo) {
  return std::make_unique<PgTraceStore>(conninfo);
}

}  // namespace reinforge::store::postgres
