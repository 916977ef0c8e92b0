#include "store/sqlite_record_search.hpp"

#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "util/thread_name.hpp"
#include "util/thread_priority.hpp"

namespace reinforge::store {
namespace {

// Ids [first, last]; ids in a range need not all be records (a range may hold gaps).
struct IdRange {
  int64_t first = 0;
  int64_t last = 0;
};

// How often the indexer looks for changes nobody woke it for: another process's writes, or a
// store that logs without waking it.
constexpr auto kPollInterval = std::chrono::milliseconds(250);

bool covers(const std::vector<IdRange>& ranges, int64_t id) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [id](const IdRange& range) { return range.first <= id && id <= range.last; });
}

// Sorted by first id, overlapping and adjacent ranges joined.
std::vector<IdRange> joined(std::vector<IdRange> ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const IdRange& a, const IdRange& b) { return a.first < b.first; });
  std::vector<IdRange> out;
  for (const auto& range : ranges) {
    if (!out.empty() && range.first <= out.back().last + 1) {
      out.back().last = std::max(out.back().last, range.last);
    } else {
      out.push_back(range);
    }
  }
  return out;
}

std::vector<IdRange> read_waiting(Connection& connection) {
  auto rows =
      connection.prepare("SELECT first_id, last_id FROM search.unindexed ORDER BY first_id");
  std::vector<IdRange> ranges;
  while (rows.step()) ranges.push_back({rows.column_int(0), rows.column_int(1)});
  return ranges;
}

void write_waiting(Connection& connection, const std::vector<IdRange>& ranges) {
  connection.prepare("DELETE FROM search.unindexed").execute();
  for (const auto& range : ranges) {
    connection.prepare("INSERT INTO search.unindexed(first_id, last_id) VALUES (?, ?)")
        .bind(1, range.first)
        .bind(2, range.last)
        .execute();
  }
}

std::string store_generation(Connection& connection) {
  auto row = connection.prepare("SELECT value FROM record_search_generation WHERE id = 1");
  return row.step() ? row.column_text(0) : std::string();
}

// The random token the log gave change `seq`; none when the log no longer holds it.
std::optional<int64_t> change_token(Connection& connection, int64_t seq) {
  auto row = connection.prepare("SELECT token FROM record_search_changes WHERE seq = ?");
  row.bind(1, seq);
  if (!row.step()) return std::nullopt;
  return row.column_int(0);
}

// Every record waits: the index is empty again.
std::vector<IdRange> start_over(Connection& connection) {
  connection.prepare("INSERT INTO search.records_fts(records_fts) VALUES ('delete-all')").execute();
  auto ids = connection.prepare("SELECT MIN(id), MAX(id) FROM records");
  if (!ids.step() || ids.column_is_null(0)) return {};
  return {{ids.column_int(0), ids.column_int(1)}};
}

// Applies the logged changes (applied_through, last] to the index; `waiting` gains the ranges
// they added. See the header for why a removal's text is the one to delete.
void apply_changes(Connection& connection, int64_t applied_through, int64_t last,
                   std::vector<IdRange>& waiting) {
  std::vector<IdRange> added;  // this window's additions so far, in log order
  std::unordered_set<int64_t> changed;
  auto changes = connection.prepare(
      "SELECT first_id, last_id, old_text FROM record_search_changes "
      "WHERE seq > ? AND seq <= ? ORDER BY seq");
  changes.bind(1, applied_through).bind(2, last);
  while (changes.step()) {
    if (changes.column_is_null(2)) {
      added.push_back({changes.column_int(0), changes.column_int(1)});
      continue;
    }
    int64_t id = changes.column_int(0);
    if (!changed.insert(id).second) continue;  // a later change: its text was never indexed
    if (covers(added, id) || covers(waiting, id)) continue;  // not in the index
    connection
        .prepare(
            "INSERT INTO search.records_fts(records_fts, rowid, text) "
            "VALUES ('delete', ?, record_search_text(?))")
        .bind(1, id)
        .bind(2, changes.column_text_view(2))
        .execute();
  }
  added.insert(added.end(), waiting.begin(), waiting.end());
  waiting = joined(std::move(added));
  // A re-worded record that is not waiting is indexed again with its text now; a deleted one
  // is gone from the records, so the SELECT adds nothing for it.
  for (int64_t id : changed) {
    if (covers(waiting, id)) continue;
    connection
        .prepare(
            "INSERT INTO search.records_fts(rowid, text) "
            "SELECT id, record_search_text(text) FROM records WHERE id = ?")
        .bind(1, id)
        .execute();
  }
}

// Indexes up to `budget` of the waiting records, lowest ids first, and takes them off `waiting`.
void index_waiting(Connection& connection, std::vector<IdRange>& waiting, int64_t budget) {
  while (budget > 0 && !waiting.empty()) {
    IdRange& range = waiting.front();
    // The chunk ends at the budget's last record, or at the range's end when fewer are left.
    auto end_row = connection.prepare(
        "SELECT id FROM records WHERE id BETWEEN ? AND ? ORDER BY id LIMIT 1 OFFSET ?");
    end_row.bind(1, range.first).bind(2, range.last).bind(3, budget - 1);
    bool budget_reached = end_row.step();
    int64_t end = budget_reached ? end_row.column_int(0) : range.last;
    end_row.reset();
    connection
        .prepare(
            "INSERT INTO search.records_fts(rowid, text) "
            "SELECT id, record_search_text(text) FROM records WHERE id BETWEEN ? AND ?")
        .bind(1, range.first)
        .bind(2, end)
        .execute();
    budget = budget_reached ? 0 : budget - connection.changes();
    if (end >= range.last) {
      waiting.erase(waiting.begin());
    } else {
      range.first = end + 1;
    }
  }
}

}  // namespace

void attach_record_search(Connection& connection, const std::filesystem::path& data_dir) {
  connection.attach(data_dir / kRecordSearchFile, kRecordSearchSchema);
}

int64_t last_record_search_change(Connection& connection) {
  auto row =
      connection.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'record_search_changes'");
  return row.step() ? row.column_int(0) : 0;
}

RecordSearchIndexer::RecordSearchIndexer(const std::filesystem::path& data_dir)
    : connection_(data_dir / "reinforge.db") {
  attach_record_search(connection_, data_dir);
  // The records are read once, in id order: a small cache of reinforge.db's pages will do.
  connection_.execute_script("PRAGMA main.cache_size=-4096;");
  // detail=none: searches match all words, no phrases (store/fts_query.hpp), as before. The
  // generation names the store the index was built for; '' is none, so the first step starts
  // over. The user_version write takes the index's write lock first (another process may be
  // creating it too), and only that file's: BEGIN IMMEDIATE would lock reinforge.db as well.
  // Version 2 indexes what record_search_text finds, not the raw line: an index an earlier
  // version built starts over (its generation forgotten below).
  auto version = connection_.prepare("PRAGMA search.user_version");
  const bool built_before_v2 = version.step() && version.column_int(0) < 2;
  version.reset();
  connection_.execute_script(R"SQL(
PRAGMA search.cache_size=-16384;
BEGIN;
PRAGMA search.user_version=2;
CREATE VIRTUAL TABLE IF NOT EXISTS search.records_fts USING fts5(text, content='', detail=none);
CREATE TABLE IF NOT EXISTS search.index_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation TEXT NOT NULL,
  applied_through INTEGER NOT NULL,
  applied_token INTEGER
);
INSERT OR IGNORE INTO search.index_state(id, generation, applied_through) VALUES (1, '', 0);
CREATE TABLE IF NOT EXISTS search.unindexed (first_id INTEGER PRIMARY KEY, last_id INTEGER NOT NULL);
COMMIT;
)SQL");
  if (built_before_v2) connection_.execute_script("UPDATE search.index_state SET generation = '';");
  thread_ = std::thread([this] {
    util::name_this_thread("record-search");
    // Below the import's record builders (nice 5): an import finishes first, its search follows.
    util::run_this_thread_in_background(10);
    run();
  });
}

RecordSearchIndexer::~RecordSearchIndexer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  progressed_.notify_all();
  thread_.join();
}

bool RecordSearchIndexer::wait_until_searchable(int64_t change, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  ++searches_waiting_;
  woken_ = true;
  wake_.notify_one();
  bool searchable = progressed_.wait_for(lock, timeout, [&] {
    return stopping_ || (progress_.applied_through >= change && !progress_.records_waiting);
  }) && !stopping_;
  --searches_waiting_;
  return searchable;
}

void RecordSearchIndexer::publish(const Progress& progress) {
  {
    std::lock_guard lock(mutex_);
    progress_ = progress;
  }
  progressed_.notify_all();
}

bool RecordSearchIndexer::wait_for_writers_to_pause() {
  for (;;) {
    // The log itself says whether records are being written, by this store, another store
    // object in this process or another process (a `reinforge import` beside the server).
    int64_t last = last_record_search_change(connection_);
    auto now = std::chrono::steady_clock::now();
    if (last != last_seen_change_) {
      last_seen_change_ = last;
      last_change_seen_at_ = now;
    }
    std::unique_lock lock(mutex_);
    if (stopping_) return false;
    if (searches_waiting_ > 0 || now - last_change_seen_at_ >= kQuietBeforeIndexing) return true;
    wake_.wait_for(lock, kPollInterval, [this] { return stopping_ || searches_waiting_ > 0; });
  }
}

void RecordSearchIndexer::run() {
  Progress progress;
  int64_t pruned_through = 0;
  std::string last_error;
  auto report = [&last_error](const std::exception& error) {
    if (last_error != error.what())
      std::cerr << "reinforge: record search index: " << error.what() << "\n";
    last_error = error.what();
  };
  for (;;) {
    bool failed = false;
    try {
      // Idle unless something was logged, records wait, or the store is another one: a step
      // writes the index's state, and four empty commits a second would only grow its log.
      bool idle = !progress.records_waiting && progress.applied_through >= 0 &&
                  last_record_search_change(connection_) == progress.applied_through &&
                  store_generation(connection_) == progress.generation;
      if (!idle) {
        if (!wait_for_writers_to_pause()) return;
        progress = step();
        publish(progress);
      }
      last_error.clear();
    } catch (const std::exception& error) {
      // The database busy past the lock wait, or the disk full: the step rolled back, and the
      // next one starts from the same state.
      report(error);
      progress = {};
      failed = true;
    }
    // Pruning the log is housekeeping: when it fails (the store's file locked or full), the
    // index is still as searchable as the step left it, and the next prune takes the rest.
    try {
      if (!failed && progress.applied_through > pruned_through) {
        prune_log(progress.applied_through);
        pruned_through = progress.applied_through;
      }
    } catch (const std::exception& error) {
      report(error);
    }
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    if (progress.records_waiting && !failed) continue;  // more to index
    wake_.wait_for(lock, kPollInterval, [this] { return woken_ || stopping_; });
    woken_ = false;
    if (stopping_) return;
  }
}

RecordSearchIndexer::Progress RecordSearchIndexer::step() {
  Transaction transaction(connection_, Transaction::Start::deferred);
  // Written first so that the index's lock is held before its state is read: an indexer in
  // another process (a `reinforge import` beside the server) may be stepping too.
  connection_.prepare("UPDATE search.index_state SET applied_through = applied_through").execute();
  auto state = connection_.prepare(
      "SELECT generation, applied_through, applied_token FROM search.index_state");
  state.step();
  std::string generation = state.column_text(0);
  int64_t applied_through = state.column_int(1);
  std::optional<int64_t> applied_token = state.column_optional_int(2);
  state.reset();

  std::string store = store_generation(connection_);
  int64_t last = last_record_search_change(connection_);
  std::vector<IdRange> waiting = read_waiting(connection_);
  // The log still holds the change the index applied last, as the index saw it: a reinforge.db
  // that lost its last commits (power lost with synchronous=NORMAL) or was restored alone may
  // have logged other changes under the same numbers since.
  bool same_log = !applied_token || change_token(connection_, applied_through) == applied_token;
  bool log_complete = true;  // every change after applied_through is still in the log
  if (applied_through < last) {
    auto next = connection_.prepare("SELECT MIN(seq) FROM record_search_changes WHERE seq > ?");
    next.bind(1, applied_through);
    log_complete =
        next.step() && !next.column_is_null(0) && next.column_int(0) == applied_through + 1;
  }
  if (generation != store || applied_through > last || !same_log || !log_complete) {
    waiting = start_over(connection_);
  } else if (applied_through < last) {
    apply_changes(connection_, applied_through, last, waiting);
  }
  index_waiting(connection_, waiting, kRecordsPerStep);
  write_waiting(connection_, waiting);
  connection_
      .prepare(
          "UPDATE search.index_state SET generation = ?, applied_through = ?, applied_token = ?")
      .bind(1, store)
      .bind(2, last)
      .bind(3, change_token(connection_, last))
      .execute();
  transaction.commit();
  return {last, !waiting.empty(), store};
}

// Deletes the applied changes in small transactions: the store's writer waits for each.
void RecordSearchIndexer::prune_log(int64_t applied_through) {
  constexpr int64_t kRowsPerDelete = 4096;
  for (;;) {
    connection_
        .prepare(
            "DELETE FROM record_search_changes WHERE seq IN (SELECT seq FROM record_search_changes "
            "WHERE seq < ? ORDER BY seq LIMIT ?)")
        .bind(1, applied_through)
        .bind(2, kRowsPerDelete)
        .execute();
    if (connection_.changes() < kRowsPerDelete) return;
  }
}

}  // namespace reinforge::store
