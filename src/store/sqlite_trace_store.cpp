#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <mutex>
#include <stdexcept>

#include "store/migrations.hpp"
#include "store/sql_builder.hpp"
#include "store/sqlite_connection.hpp"
#include "store/trace_list_query.hpp"
#include "store/trace_rollups.hpp"
#include "store/trace_stats_grouping.hpp"
#include "store/trace_store.hpp"
#include "store/trace_tags_json.hpp"
#include "util/clock.hpp"

namespace reinforge::store {
namespace {

constexpr const char* kTraceColumns =
    "t.seq, t.id, t.created_at, t.endpoint, t.model_requested, t.model, t.provider, t.stream, "
    "t.status, t.error, t.latency_ms, t.ttft_ms, t.prompt_tokens, t.completion_tokens, "
    "t.total_tokens, t.gateway_key_id, t.attempts, t.tags_json, t.deployment_id, t.arm, "
    "t.session_id, t.cached_tokens, t.reasoning_tokens";
// Columns 23 to 25 when bodies are asked for.
constexpr const char* kTraceBodyColumns = ", t.request_json, t.response_json, t.conversation_json";
// A trace's stored text in bytes (length() of a BLOB counts bytes, of TEXT characters): what
// trace_space adds up and traces.max_bytes limits. Only columns no later update changes, so
// what a prune subtracts is what the insert added (migration 15 summed the same).
constexpr const char* kTraceTextBytes =
    "length(CAST(request_json AS BLOB)) + coalesce(length(CAST(response_json AS BLOB)), 0) + "
    "coalesce(length(CAST(conversation_json AS BLOB)), 0) + "
    "coalesce(length(CAST(error AS BLOB)), 0) + length(CAST(tags_json AS BLOB))";
// The traces of one prune batch, on the time index: up to position (?1 = time, ?2 = seq) in
// (start time, arrival) order, never the last one stored (?3).
constexpr const char* kPruneBatch =
    " FROM traces INDEXED BY traces_by_time "
    "WHERE created_at <= ?1 AND (created_at < ?1 OR seq <= ?2) AND seq < ?3";

Trace read_trace(const Statement& row, bool with_bodies) {
  Trace trace;
  trace.seq = row.column_int(0);
  trace.id = row.column_text(1);
  trace.created_at_ms = row.column_int(2);
  trace.endpoint = row.column_text(3);
  trace.model_requested = row.column_text(4);
  trace.model = row.column_text(5);
  trace.provider = row.column_text(6);
  trace.stream = row.column_int(7) != 0;
  trace.status = static_cast<int>(row.column_int(8));
  trace.error = row.column_optional_text(9);
  trace.latency_ms = row.column_double(10);
  trace.ttft_ms = row.column_optional_double(11);
  trace.prompt_tokens = row.column_optional_int(12);
  trace.completion_tokens = row.column_optional_int(13);
  trace.total_tokens = row.column_optional_int(14);
  trace.gateway_key_id = row.column_optional_int(15);
  trace.attempts = static_cast<int>(row.column_int(16));
  trace.tags = tags_from_json(row.column_text_view(17));
  trace.deployment_id = row.column_optional_int(18);
  trace.arm = row.column_optional_text(19).value_or("");
  trace.session_id = row.column_optional_text(20).value_or("");
  trace.cached_tokens = row.column_optional_int(21);
  trace.reasoning_tokens = row.column_optional_int(22);
  if (with_bodies) {
    trace.request_json = row.column_text(23);
    trace.response_json = row.column_optional_text(24);
    trace.conversation_json = row.column_optional_text(25);
  }
  return trace;
}

GatewayKey read_key(const Statement& row) {
  GatewayKey key;
  key.id = row.column_int(0);
  key.name = row.column_text(1);
  key.prefix = row.column_text(2);
  key.created_at = row.column_int(3);
  key.revoked_at = row.column_optional_int(4);
  return key;
}

std::string trace_columns(bool with_bodies) {
  return std::string(kTraceColumns) + (with_bodies ? kTraceBodyColumns : "");
}

// Rows of (day, model, status, latency_ms, prompt_tokens, completion_tokens) ordered by day and
// model, folded into one TraceStatsRow per (day, model) with its latency percentiles.
std::vector<TraceStatsRow> grouped_stats(Statement& statement) {
  TraceStatsGrouping grouping;
  while (statement.step()) {
    grouping.add(statement.column_text(0), statement.column_text(1), statement.column_int(2),
                 statement.column_double(3), statement.column_int(4), statement.column_int(5));
  }
  return grouping.finish();
}

// One step of merge_search_index: 1,000-byte FTS5 leaf pages written, a few milliseconds.
constexpr int kMergePagesPerStep = 32;
// What insert_traces may spend merging after a batch: up to this, or as long as the batch took
// after a long one (so that a bulk fill keeps the index as merged as a trickle of small batches);
// it stops sooner when nothing is left to merge.
constexpr auto kMinMergeAfterInsert = std::chrono::milliseconds(5);

class SqliteTraceStore final : public TraceStore {
 public:
  explicit SqliteTraceStore(const std::filesystem::path& db_file) : connection_(db_file) {
    apply_migrations(connection_);
  }

  void insert_traces(std::span<const Trace> traces) override {
    if (traces.empty()) return;
    std::lock_guard lock(mutex_);
    auto asked_at = std::chrono::steady_clock::now();
    Transaction transaction(connection_);
    auto locked_at = std::chrono::steady_clock::now();
    last_insert_lock_wait_ = locked_at - asked_at;
    int64_t first_seq = 0;
    int64_t text_bytes = 0;  // kTraceTextBytes of the batch, as the pruner will subtract it
    for (const auto& trace : traces) {
      std::string tags_json = tags_to_json(trace.tags);
      auto size_of = [](const std::optional<std::string>& text) { return text ? text->size() : 0; };
      text_bytes += static_cast<int64_t>(trace.request_json.size() + size_of(trace.response_json) +
                                         size_of(trace.conversation_json) + size_of(trace.error) +
                                         tags_json.size());
      connection_
          .prepare(
              "INSERT INTO traces (id, created_at, endpoint, model_requested, model, provider, "
              "stream, status, error, latency_ms, ttft_ms, prompt_tokens, completion_tokens, "
              "total_tokens, gateway_key_id, attempts, tags_json, request_json, response_json, "
              "deployment_id, arm, session_id, conversation_json, conversation_hash, cached_tokens, "
              "reasoning_tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
              "?, ?, ?, ?, ?, ?)")
          .bind(1, trace.id)
          .bind(2, trace.created_at_ms)
          .bind(3, trace.endpoint)
          .bind(4, trace.model_requested)
          .bind(5, trace.model)
          .bind(6, trace.provider)
          .bind(7, trace.stream ? 1 : 0)
          .bind(8, trace.status)
          .bind(9, trace.error)
          .bind(10, trace.latency_ms)
          .bind(11, trace.ttft_ms)
          .bind(12, trace.prompt_tokens)
          .bind(13, trace.completion_tokens)
          .bind(14, trace.total_tokens)
          .bind(15, trace.gateway_key_id)
          .bind(16, trace.attempts)
          .bind(17, tags_json)
          .bind(18, trace.request_json)
          .bind(19, trace.response_json)
          .bind(20, trace.deployment_id)
          .bind(21, trace.arm.empty() ? std::optional<std::string>() : std::optional<std::string>(trace.arm))
          .bind(22, trace.session_id.empty() ? std::optional<std::string>()
                                             : std::optional<std::string>(trace.session_id))
          .bind(23, trace.conversation_json)
          .bind(24, trace.conversation_hash)
          .bind(25, trace.cached_tokens)
          .bind(26, trace.reasoning_tokens)
          .execute();
      int64_t seq = connection_.last_insert_id();
      if (!first_seq) first_seq = seq;
      for (const auto& tag : trace.tags) {
        connection_
            .prepare("INSERT OR IGNORE INTO trace_tags (tag, created_at, trace_seq) VALUES (?, ?, ?)")
            .bind(1, tag)
            .bind(2, trace.created_at_ms)
            .bind(3, seq)
            .execute();
      }
    }
    // One statement indexes the whole batch (FTS5 costs a savepoint per statement); pruning
    // removes a trace's rows here too.
    connection_
        .prepare(
            "INSERT INTO traces_fts(rowid, request_json, response_json) "
            "SELECT seq, request_json, coalesce(response_json, '') FROM traces WHERE seq >= ?")
        .bind(1, first_seq)
        .execute();
    trace_rollups::add_traces(connection_, traces);
    connection_.prepare("UPDATE trace_space SET bytes = bytes + ?").bind(1, text_bytes).execute();
    transaction.commit();
    // The batch is stored: a merge that fails (the lock held past the retries, a full disk) must
    // not report it as lost, or the writer would drop its stored answers. The next batch merges.
    try {
      merge_search_index_locked(std::max<std::chrono::steady_clock::duration>(
          kMinMergeAfterInsert, connection_.last_commit_time() - locked_at));
    } catch (const std::exception& failure) {
      std::cerr << "reinforge: merging the traces' search index failed (it is retried after the next batch): "
                << failure.what() << "\n";
    }
  }

  int64_t prune_traces(int64_t before_ms, int64_t max_rows) override {
    if (max_rows <= 0) return 0;
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    // Timed from here: the wait for the lock above is not this batch's doing.
    auto locked_at = std::chrono::steady_clock::now();
    int64_t last_seq = single_int_locked("SELECT coalesce(max(seq), 0) FROM traces");
    // Where the batch ends: the max_rows-th oldest trace before the cut; with fewer, the cut.
    int64_t end_time = before_ms;
    int64_t end_seq = -1;
    {
      auto statement = connection_.prepare(
          "SELECT created_at, seq FROM traces INDEXED BY traces_by_time WHERE created_at < ? AND "
          "seq < ? ORDER BY created_at, seq LIMIT 1 OFFSET ?");
      statement.bind(1, before_ms).bind(2, last_seq).bind(3, max_rows - 1);
      if (statement.step()) {
        end_time = statement.column_int(0);
        end_seq = statement.column_int(1);
      }
    }
    auto in_batch = [&](const std::string& sql) {
      connection_.prepare(sql).bind(1, end_time).bind(2, end_seq).bind(3, last_seq).execute();
    };
    // The full-text index is external content with no delete trigger (migration 3): its rows go
    // with the 'delete' command and the original text, before the traces themselves.
    in_batch(std::string("INSERT INTO traces_fts(traces_fts, rowid, request_json, response_json) "
                         "SELECT 'delete', seq, request_json, coalesce(response_json, '')") +
             kPruneBatch);
    in_batch(std::string("UPDATE trace_space SET bytes = bytes - (SELECT coalesce(sum(") +
             kTraceTextBytes + "), 0)" + kPruneBatch + ")");
    in_batch(std::string("DELETE FROM trace_tags WHERE trace_seq IN (SELECT seq") + kPruneBatch +
             ")");
    in_batch(std::string("DELETE") + kPruneBatch);
    int64_t deleted = connection_.changes();
    // Stored answers as old as the traces gone: before the cut and before every trace kept.
    int64_t oldest_kept = single_int_locked("SELECT coalesce(min(created_at), 0) FROM traces");
    int64_t answers_before = last_seq > 0 ? std::min(before_ms, oldest_kept) : before_ms;
    connection_.prepare("DELETE FROM stored_responses WHERE created_at < ?")
        .bind(1, answers_before)
        .execute();
    transaction.commit();
    auto committed = connection_.last_commit_time();
    if (committed < locked_at)
      committed = std::chrono::steady_clock::now();  // wrote nothing: no hook
    last_prune_lock_time_ = committed - locked_at;
    return deleted;
  }

  std::chrono::steady_clock::duration last_insert_lock_wait() const override {
    return last_insert_lock_wait_;
  }

  std::chrono::steady_clock::duration last_prune_lock_time() const override {
    return last_prune_lock_time_;
  }

  bool merge_search_index(std::chrono::milliseconds budget) override {
    std::lock_guard lock(mutex_);
    return merge_search_index_locked(budget);
  }

  void checkpoint() override {
    std::lock_guard lock(mutex_);
    connection_.checkpoint();
  }

  int64_t trace_bytes() override {
    std::lock_guard lock(mutex_);
    return single_int_locked("SELECT coalesce(max(bytes), 0) FROM trace_space");
  }

  std::vector<Trace> traces_after(const TraceFilter& filter, int64_t after_seq,
                                  int64_t max) override {
    std::lock_guard lock(mutex_);
    SqlBuilder sql;
    // NOT INDEXED: the walk is in seq order, each batch from where the last one stopped; an
    // index on a filter's column would make every batch sort all the rows it matches.
    sql.add("SELECT ")
        .add(trace_columns(true))
        .add(" FROM traces t NOT INDEXED WHERE t.seq > ?", {after_seq})
        .add(trace_list_query::predicates(filter))
        .add(" ORDER BY t.seq LIMIT ?", {max});
    auto statement = sql.prepare(connection_);
    std::vector<Trace> traces;
    while (statement.step()) traces.push_back(read_trace(statement, true));
    return traces;
  }

  TracePage list_traces(const TraceFilter& filter, bool with_bodies) override {
    std::lock_guard lock(mutex_);
    auto driver = choose_driver_locked(filter);
    TracePage page;
    {
      auto count = trace_list_query::capped_count(filter, driver, kTraceTotalCap + 1).prepare(connection_);
      int64_t counted = count.step() ? count.column_int(0) : 0;
      page.total = std::min(counted, kTraceTotalCap);
      page.total_exact = counted <= kTraceTotalCap;
    }
    TraceFilter one_more = filter;
    one_more.limit = filter.limit + 1;  // tells whether another page follows
    auto statement = trace_list_query::page(one_more, driver, trace_columns(with_bodies)).prepare(connection_);
    while (statement.step()) page.traces.push_back(read_trace(statement, with_bodies));
    if (static_cast<int64_t>(page.traces.size()) > filter.limit) {
      page.traces.resize(static_cast<std::size_t>(filter.limit));
      page.next = TracePosition{page.traces.back().created_at_ms, page.traces.back().seq};
    }
    return page;
  }

  std::optional<Trace> find_trace(const std::string& id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(std::string("SELECT ") + kTraceColumns + kTraceBodyColumns +
                                         " FROM traces t WHERE t.id = ?");
    statement.bind(1, id);
    std::optional<Trace> trace;
    if (statement.step()) trace = read_trace(statement, true);
    statement.reset();
    return trace;
  }

  std::vector<TraceStatsRow> trace_stats(const TraceFilter& filter) override {
    std::lock_guard lock(mutex_);
    if (trace_rollups::can_answer(filter)) return trace_rollups::stats(connection_, filter);
    // A tag, a text search or a session: the matching rows themselves.
    SqlBuilder sql;
    sql.add("SELECT strftime('%Y-%m-%d', t.created_at / 1000, 'unixepoch') AS day, "
            "t.model_requested, t.status, t.latency_ms, coalesce(t.prompt_tokens, 0), "
            "coalesce(t.completion_tokens, 0) FROM traces t WHERE 1")
        .add(trace_list_query::predicates(filter))
        .add(" ORDER BY day, t.model_requested");
    auto statement = sql.prepare(connection_);
    return grouped_stats(statement);
  }

  std::vector<TraceStatsRow> deployment_arm_stats(int64_t deployment_id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT '', t.arm, t.status, t.latency_ms, coalesce(t.prompt_tokens, 0), "
        "coalesce(t.completion_tokens, 0) FROM traces t WHERE t.deployment_id = ? ORDER BY t.arm");
    statement.bind(1, deployment_id);
    return grouped_stats(statement);
  }

  std::optional<std::string> session_of_conversation(int64_t hash) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT session_id FROM traces WHERE conversation_hash = ? AND session_id IS NOT NULL "
        "ORDER BY seq DESC LIMIT 1");
    statement.bind(1, hash);
    if (!statement.step()) return std::nullopt;
    return statement.column_text(0);
  }

  void merge_session(const std::string& from, const std::string& into) override {
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    connection_.prepare("UPDATE traces SET session_id = ? WHERE session_id = ?")
        .bind(1, into)
        .bind(2, from)
        .execute();
    connection_.prepare("UPDATE stored_responses SET session_id = ? WHERE session_id = ?")
        .bind(1, into)
        .bind(2, from)
        .execute();
    transaction.commit();
  }

  void save_stored_responses(std::span<const StoredResponse> responses) override {
    if (responses.empty()) return;
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    for (const auto& response : responses) {
      connection_
          .prepare(
              "INSERT OR REPLACE INTO stored_responses (id, trace_id, session_id, "
              "conversation_json, response_json, created_at) VALUES (?, ?, ?, ?, ?, ?)")
          .bind(1, response.id)
          .bind(2, response.trace_id)
          .bind(3, response.session_id)
          .bind(4, response.conversation_json)
          .bind(5, response.response_json)
          .bind(6, response.created_at_ms)
          .execute();
    }
    transaction.commit();
  }

  std::optional<StoredResponse> find_stored_response(const std::string& id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT s.id, s.trace_id, s.session_id, s.conversation_json, s.response_json, "
        "s.created_at, t.gateway_key_id FROM stored_responses s LEFT JOIN traces t ON "
        "t.id = s.trace_id WHERE s.id = ?");
    statement.bind(1, id);
    if (!statement.step()) return std::nullopt;
    return StoredResponse{statement.column_text(0),        statement.column_text(1),
                          statement.column_text(2),        statement.column_text(3),
                          statement.column_text(4),        statement.column_int(5),
                          statement.column_optional_int(6)};
  }

  std::vector<TraceStatsRow> deployment_arm_timeline(int64_t deployment_id,
                                                     int64_t bucket_ms) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT CAST(t.created_at / ?1 AS TEXT), t.arm, t.status, t.latency_ms, "
        "coalesce(t.prompt_tokens, 0), coalesce(t.completion_tokens, 0) FROM traces t "
        "WHERE t.deployment_id = ?2 ORDER BY t.created_at / ?1, t.arm");
    statement.bind(1, bucket_ms).bind(2, deployment_id);
    return grouped_stats(statement);
  }

  std::vector<Trace> deployment_traces_after(int64_t deployment_id, int64_t after_seq,
                                             int64_t max) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        std::string("SELECT ") + kTraceColumns + kTraceBodyColumns +
        " FROM traces t WHERE t.deployment_id = ? AND t.seq > ? ORDER BY t.seq LIMIT ?");
    statement.bind(1, deployment_id).bind(2, after_seq).bind(3, max);
    std::vector<Trace> traces;
    while (statement.step()) traces.push_back(read_trace(statement, true));
    return traces;
  }

  TracesToPull traces_to_pull(const TraceFilter& filter, int64_t dataset_id, int64_t after_seq,
                              int64_t max) override {
    std::lock_guard lock(mutex_);
    // Every trace up to the newest one stored now is visible to the walk below: when it ends
    // short of `max`, it has looked at all of them.
    int64_t newest = 0;
    {
      auto statement = connection_.prepare("SELECT coalesce(max(seq), 0) FROM traces");
      if (statement.step()) newest = statement.column_int(0);
    }
    SqlBuilder sql;
    sql.add("SELECT ")
        .add(trace_columns(true))
        .add(trace_list_query::pull_walk(filter, after_seq))
        .add(" AND NOT EXISTS (SELECT 1 FROM records r WHERE r.dataset_id = ? AND r.trace_id = t.id)",
             {dataset_id})
        .add(" ORDER BY t.seq LIMIT ?", {max});
    auto statement = sql.prepare(connection_);
    statement.take_vm_steps();
    TracesToPull batch;
    while (statement.step()) batch.traces.push_back(read_trace(statement, true));
    last_pull_steps_ = statement.take_vm_steps();
    batch.scanned_through_seq = static_cast<int64_t>(batch.traces.size()) == max
                                    ? batch.traces.back().seq
                                    : std::max({after_seq, newest, batch.traces.empty() ? 0 : batch.traces.back().seq});
    return batch;
  }

  int64_t last_pull_steps() const override { return last_pull_steps_; }

  int64_t count_traces_to_pull(const TraceFilter& filter, int64_t after_seq, int64_t cap) override {
    std::lock_guard lock(mutex_);
    SqlBuilder sql;
    sql.add("SELECT count(*) FROM (SELECT 1")
        .add(trace_list_query::pull_walk(filter, after_seq))
        .add(" LIMIT ?)", {cap});
    auto statement = sql.prepare(connection_);
    return statement.step() ? statement.column_int(0) : 0;
  }

  int64_t count_records_from_traces(const TraceFilter& filter, int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    SqlBuilder sql;
    sql.add("SELECT count(*) FROM records r JOIN traces t ON t.id = r.trace_id "
            "WHERE r.dataset_id = ? AND r.trace_id IS NOT NULL",
            {dataset_id})
        .add(trace_list_query::kPullable)
        .add(trace_list_query::predicates(filter));
    auto statement = sql.prepare(connection_);
    return statement.step() ? statement.column_int(0) : 0;
  }

  std::vector<Trace> selected_traces_not_in_dataset(std::span<const std::string> ids,
                                                    int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    std::vector<Trace> traces;
    for (const auto& id : ids) {
      auto statement = connection_.prepare(
          std::string("SELECT ") + kTraceColumns + kTraceBodyColumns +
          " FROM traces t WHERE t.id = ?1 AND NOT EXISTS "
          "(SELECT 1 FROM records r WHERE r.dataset_id = ?2 AND r.trace_id = t.id)");
      statement.bind(1, id).bind(2, dataset_id);
      if (statement.step()) traces.push_back(read_trace(statement, true));
      statement.reset();
    }
    std::sort(traces.begin(), traces.end(), [](const Trace& a, const Trace& b) { return a.seq < b.seq; });
    traces.erase(std::unique(traces.begin(), traces.end(),
                             [](const Trace& a, const Trace& b) { return a.seq == b.seq; }),
                 traces.end());
    return traces;
  }

  GatewayKey create_gateway_key(const std::string& name, const std::string& prefix,
                                const std::string& sha256) override {
    std::lock_guard lock(mutex_);
    int64_t now = util::now_unix_seconds();
    connection_.prepare("INSERT INTO gateway_keys (name, prefix, sha256, created_at) VALUES (?, ?, ?, ?)")
        .bind(1, name)
        .bind(2, prefix)
        .bind(3, sha256)
        .bind(4, now)
        .execute();
    return GatewayKey{connection_.last_insert_id(), name, prefix, now, std::nullopt};
  }

  std::vector<GatewayKey> list_gateway_keys() override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT id, name, prefix, created_at, revoked_at FROM gateway_keys ORDER BY id");
    std::vector<GatewayKey> keys;
    while (statement.step()) keys.push_back(read_key(statement));
    return keys;
  }

  bool revoke_gateway_key(int64_t id) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("UPDATE gateway_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .bind(1, util::now_unix_seconds())
        .bind(2, id)
        .execute();
    return connection_.changes() > 0;
  }

  std::optional<GatewayKey> find_active_gateway_key(const std::string& sha256) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT id, name, prefix, created_at, revoked_at FROM gateway_keys "
        "WHERE sha256 = ? AND revoked_at IS NULL");
    statement.bind(1, sha256);
    std::optional<GatewayKey> key;
    if (statement.step()) key = read_key(statement);
    statement.reset();
    return key;
  }

  std::vector<std::pair<std::string, int64_t>> active_gateway_key_hashes() override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare("SELECT sha256, id FROM gateway_keys WHERE revoked_at IS NULL");
    std::vector<std::pair<std::string, int64_t>> hashes;
    while (statement.step()) hashes.emplace_back(statement.column_text(0), statement.column_int(1));
    return hashes;
  }

  void save_dataset_trace_source(const DatasetTraceSource& source) override {
    std::lock_guard lock(mutex_);
    connection_
        .prepare(
            "INSERT INTO dataset_trace_sources (dataset_id, filter_json, last_pulled_at, "
            "pulled_through_seq) VALUES (?, ?, ?, ?) ON CONFLICT(dataset_id) DO UPDATE SET "
            "filter_json = excluded.filter_json, last_pulled_at = excluded.last_pulled_at, "
            "pulled_through_seq = excluded.pulled_through_seq")
        .bind(1, source.dataset_id)
        .bind(2, source.filter_json)
        .bind(3, source.last_pulled_at)
        .bind(4, source.pulled_through_seq)
        .execute();
  }

  std::optional<DatasetTraceSource> find_dataset_trace_source(int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT dataset_id, filter_json, last_pulled_at, pulled_through_seq FROM "
        "dataset_trace_sources WHERE dataset_id = ?");
    statement.bind(1, dataset_id);
    std::optional<DatasetTraceSource> source;
    if (statement.step()) {
      source = DatasetTraceSource{statement.column_int(0), statement.column_text(1),
                                  statement.column_optional_int(2), statement.column_int(3)};
    }
    statement.reset();
    return source;
  }

 private:
  trace_list_query::Driver choose_driver_locked(const TraceFilter& filter) {
    trace_list_query::Estimates estimates;
    if (trace_list_query::needs_estimates(filter)) estimates = trace_rollups::estimates(connection_, filter);
    return trace_list_query::choose_driver(filter, estimates);
  }

  int64_t single_int_locked(const char* sql) {
    auto statement = connection_.prepare(sql);
    return statement.step() ? statement.column_int(0) : 0;
  }

  std::mutex mutex_;
  Connection connection_;
  int64_t last_pull_steps_ = 0;
  std::chrono::steady_clock::duration last_prune_lock_time_{};
  std::chrono::steady_clock::duration last_insert_lock_wait_{};

  // FTS5's 'merge' command, a step per transaction so that a writer waiting for the lock gets
  // it within a step. A step that changed fewer than two rows found nothing to merge (FTS5's
  // documented test); it merges levels of at least 'usermerge' (4) segments, as automerge did.
  bool merge_search_index_locked(std::chrono::steady_clock::duration budget) {
    auto started = std::chrono::steady_clock::now();
    for (;;) {
      int64_t changes_before = connection_.total_changes();
      Transaction transaction(connection_);
      connection_.prepare("INSERT INTO traces_fts(traces_fts, rank) VALUES ('merge', ?)")
          .bind(1, int64_t{kMergePagesPerStep})
          .execute();
      transaction.commit();
      if (connection_.total_changes() - changes_before < 2) return false;
      if (std::chrono::steady_clock::now() - started >= budget) return true;
    }
  }
};

}  // namespace

std::unique_ptr<TraceStore> open_sqlite_trace_store(const std::filesystem::path& data_dir) {
  std::filesystem::create_directories(data_dir);
  return std::make_unique<SqliteTraceStore>(data_dir / "reinforge.db");
}

}  // namespace reinforge::store
