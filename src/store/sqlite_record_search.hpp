#pragma once
// The records' full-text index, in a file of its own beside reinforge.db and filled by a thread
// of its own behind the store's writes. Indexing a record's text was about half of the CPU of the
// one thread every import waits for (bench/README.md, "Import"); that thread now only logs which
// records it added, and the index follows on the other core.
//
// How the index follows the records (docs/architecture.md, "Record search"):
// - The store logs every change in reinforge.db's record_search_changes: a batch of added
//   records as one id range; a deleted or re-worded record, by trigger, with the text it had.
// - The indexer applies the log in order, in steps. A step is one transaction on the index and
//   one read snapshot of the records: it applies every change logged so far, then indexes up to
//   kRecordsPerStep of the records still waiting (the id ranges of `unindexed`), then prunes
//   what it applied from the log (all but the last change, whose random token it keeps: a
//   reinforge.db that lost its last commits, or was restored alone, no longer has it).
// - The index is contentless (it keeps no copy of the text), so deleting a record's words needs
//   the very text it indexed: the text a removal logged, when it is the id's first change since
//   the last step and the id was not waiting. Any later text comes from the records themselves.
// - A missing index file, one built for another store (the generation differs), or one behind
//   a log already pruned, starts over: every record waits again.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite_connection.hpp"

namespace reinforge::store {

// The index file's name in the data directory.
inline constexpr const char* kRecordSearchFile = "record-search.db";
// The schema name it is attached under: queries read `search.records_fts`.
inline constexpr const char* kRecordSearchSchema = "search";

// Attaches the data directory's index to `connection` as `search` (the indexer creates it).
void attach_record_search(Connection& connection, const std::filesystem::path& data_dir);

// The last change the store logged (0 before any): searchable once the indexer reaches it.
int64_t last_record_search_change(Connection& connection);

class RecordSearchIndexer {
 public:
  // Records indexed per step: about 0.1 s of one core, so a step's read snapshot and its hold
  // on the index stay short.
  static constexpr int64_t kRecordsPerStep = 16384;

  explicit RecordSearchIndexer(const std::filesystem::path& data_dir);
  ~RecordSearchIndexer();  // finishes the step in progress; what waits is indexed at the next start
  RecordSearchIndexer(const RecordSearchIndexer&) = delete;
  RecordSearchIndexer& operator=(const RecordSearchIndexer&) = delete;

  // The index waits until no record change has been logged for this long, unless a search is
  // waiting: on a machine with few cores it then takes no CPU from an import, which ends first,
  // its records searchable after it (bench/README.md, "Import"). A second: a pull of traces
  // reads and builds for a few hundred milliseconds between its batches.
  static constexpr auto kQuietBeforeIndexing = std::chrono::seconds(1);
  // Whether every record change logged through `change` is searchable, waiting up to `timeout`
  // for the indexer to get there.
  bool wait_until_searchable(int64_t change, std::chrono::milliseconds timeout);

 private:
  struct Progress {
    int64_t applied_through = -1;  // the last change applied; -1 before the first step
    bool records_waiting = true;   // records logged as added and not indexed yet
    std::string generation;        // of the store the index was built for
  };
  void run();
  // Until the store's writers pause or a search asks; false when the indexer is stopping.
  bool wait_for_writers_to_pause();
  Progress step();
  void prune_log(int64_t applied_through);
  void publish(const Progress& progress);

  Connection connection_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable progressed_;
  Progress progress_;                                        // guarded by mutex_
  int searches_waiting_ = 0;                                 // guarded by mutex_
  // The thread's own: the last change it saw logged, and when it first saw it.
  int64_t last_seen_change_ = -1;
  std::chrono::steady_clock::time_point last_change_seen_at_{};
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace reinforge::store
