#pragma once
// The gateway's state in the store: traces (written in batches by the trace writer),
// gateway keys (only their SHA-256 is kept), and datasets' saved trace filters.
// It opens its own connection to the database file (WAL lets it write next to the main
// Store's connection), so trace writes never queue behind API or job work.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/trace_types.hpp"

namespace reinforge::store {

class TraceStore {
 public:
  virtual ~TraceStore() = default;

  // Traces. A batch is one transaction; `seq` of the given traces is ignored. Then merges the
  // full-text index a little (merge_search_index): up to 5 ms, or as long as the batch took, and
  // less when nothing is left to merge; a failed merge is logged, never reported as a lost batch.
  virtual void insert_traces(std::span<const Trace> traces) = 0;
  // How long the last insert_traces waited for the database's write lock: how long another
  // writer (the pruner, an import) held the trace writer up. On PostgreSQL the lock is
  // trace_space's row, which batch writers and the end of each prune batch take.
  virtual std::chrono::steady_clock::duration last_insert_lock_wait() const = 0;
  // One page of the list (newest first; see TraceFilter::after), with its capped total.
  virtual TracePage list_traces(const TraceFilter& filter, bool with_bodies) = 0;
  virtual std::optional<Trace> find_trace(const std::string& id) = 0;
  virtual std::vector<TraceStatsRow> trace_stats(const TraceFilter& filter) = 0;
  // A deployment's traces per arm ("base", "tuned" in `model`; `day` empty): calls, errors,
  // tokens and latency percentiles (step 7's live figures).
  virtual std::vector<TraceStatsRow> deployment_arm_stats(int64_t deployment_id) = 0;
  // The same per time bucket: `day` holds the bucket (trace time in ms / bucket_ms) as decimal
  // text, `model` the arm; in bucket order.
  virtual std::vector<TraceStatsRow> deployment_arm_timeline(int64_t deployment_id,
                                                             int64_t bucket_ms) = 0;
  // The deployment's traces stored after `after_seq`, with bodies, in seq order (online scoring).
  virtual std::vector<Trace> deployment_traces_after(int64_t deployment_id, int64_t after_seq,
                                                     int64_t max) = 0;
  // The session of the latest trace whose conversation hashes to `hash`.
  virtual std::optional<std::string> session_of_conversation(int64_t hash) = 0;
  // Every trace and stored response of session `from` moves to session `into`.
  virtual void merge_session(const std::string& from, const std::string& into) = 0;
  virtual void save_stored_responses(std::span<const StoredResponse> responses) = 0;
  virtual std::optional<StoredResponse> find_stored_response(const std::string& id) = 0;
  // Successful conversation traces (chat completions, responses, messages) matching `filter`
  // (its paging ignored) stored after `after_seq` that are not yet records of the dataset, in
  // seq order, with their bodies; at most `max`. A pull walks the table once with it: each
  // call starts where the last one stopped, so a batch costs the same however much was pulled.
  virtual TracesToPull traces_to_pull(const TraceFilter& filter, int64_t dataset_id,
                                      int64_t after_seq, int64_t max) = 0;
  // The work the last traces_to_pull took, which grows with the rows it visited (tests check a
  // pull stays linear without a timer): SQLite's virtual-machine steps; on PostgreSQL the rows
  // its scans read (pg_stat_xact_user_tables).
  virtual int64_t last_pull_steps() const = 0;
  // The given trace ids that exist and are not yet records of the dataset, with bodies.
  virtual std::vector<Trace> selected_traces_not_in_dataset(std::span<const std::string> ids,
                                                            int64_t dataset_id) = 0;
  // How many traces a pull from `after_seq` would look at and take, counting at most `cap`
  // (whether to answer at once or queue a job).
  virtual int64_t count_traces_to_pull(const TraceFilter& filter, int64_t after_seq, int64_t cap) = 0;
  // How many of the dataset's records came from successful conversation traces that `filter`
  // matches: what a pull leaves out because it never adds a trace twice. Walks the dataset's
  // records, not the traces.
  virtual int64_t count_records_from_traces(const TraceFilter& filter, int64_t dataset_id) = 0;

  // Retention (docs/gateway.md, "Trace retention"). Deletes the oldest traces (by start time,
  // then arrival) that started before `before_ms`, at most `max_rows`, with their full-text and
  // tag rows and the stored Responses answers as old, in one transaction; returns how many
  // traces went. The rollups keep them (the charts' history). The last trace stored is never
  // deleted: seq numbers then never restart, and pulls and online scoring, which remember the
  // last seq they read, never skip a new trace.
  virtual int64_t prune_traces(int64_t before_ms, int64_t max_rows) = 0;
  // How long the last prune_traces held the database's write lock, which the trace writer waits
  // on (neither its own wait for the lock nor the checkpoint SQLite may run after the commit is
  // counted): what pruning sizes its next batch by. On PostgreSQL deleting holds up no writer:
  // only the batch's last statement takes trace_space's row, so this is that statement and the
  // commit.
  virtual std::chrono::steady_clock::duration last_prune_lock_time() const = 0;
  // The stored size of the traces' text (bodies, conversations, errors, tags) in bytes, kept
  // with every write and prune; what traces.max_bytes limits. Not the file's size: indexes add
  // to it, and a pruned trace's pages are reused rather than returned to the file system.
  virtual int64_t trace_bytes() = 0;
  // Merges the full-text index's segments a few pages per transaction, until nothing is left to
  // merge or `budget` is spent; true when work is left. SQLite no longer merges inside the
  // writes that add segments (migration 16), where one merge could hold the database lock for
  // 100 ms: insert_traces merges after its commit, and pruning between its batches.
  // PostgreSQL: merges the GIN index's pending list, all of it, and returns false (autovacuum and
  // the insert that fills gin_pending_list_limit merge it otherwise; insert_traces does not).
  virtual bool merge_search_index(std::chrono::milliseconds budget) = 0;
  // Copies what the write-ahead log holds into the database file, without waiting for (or
  // holding up) a writer. The commit that takes the log past 4 MB does it otherwise.
  // Nothing on PostgreSQL, whose server checkpoints on its own.
  virtual void checkpoint() = 0;
  // The traces matching `filter` (its paging ignored) stored after `after_seq`, with bodies, in
  // seq order; at most `max`. An export walks the table once with it, whatever the filter.
  virtual std::vector<Trace> traces_after(const TraceFilter& filter, int64_t after_seq,
                                          int64_t max) = 0;

  // Gateway keys.
  virtual GatewayKey create_gateway_key(const std::string& name, const std::string& prefix,
                                        const std::string& sha256) = 0;
  virtual std::vector<GatewayKey> list_gateway_keys() = 0;
  virtual bool revoke_gateway_key(int64_t id) = 0;  // false when unknown or already revoked
  // The key with this hash when it exists and is not revoked.
  virtual std::optional<GatewayKey> find_active_gateway_key(const std::string& sha256) = 0;
  // (sha256, id) of every key not revoked.
  virtual std::vector<std::pair<std::string, int64_t>> active_gateway_key_hashes() = 0;

  // Datasets' trace sources.
  virtual void save_dataset_trace_source(const DatasetTraceSource& source) = 0;
  virtual std::optional<DatasetTraceSource> find_dataset_trace_source(int64_t dataset_id) = 0;
};

// Opens `data_dir`/reinforge.db (creating it and applying migrations when needed). PostgreSQL:
// postgres::open_pg_trace_store (postgres/pg_trace_store.hpp).
std::unique_ptr<TraceStore> open_sqlite_trace_store(const std::filesystem::path& data_dir);

}  // namespace reinforge::store
