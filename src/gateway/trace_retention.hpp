#pragma once
// Trace retention (docs/gateway.md, "Trace retention"): traces older than traces.retention_days,
// and the oldest ones while the traces take more than traces.max_bytes, are deleted in small
// transactions off the request path: by a thread of the server with its own store connection,
// and by `reinforge traces prune`. The rollups keep them, so the usage charts keep their history.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "store/trace_store.hpp"

namespace reinforge::gateway {

// What the server keeps; both empty (the default): every trace, forever.
struct TraceRetention {
  std::optional<int64_t> days;       // 1 or more
  std::optional<int64_t> max_bytes;  // of TraceStore::trace_bytes; 1 or more
};

// How pruning paces itself. The trace writer waits for the same database lock while a batch
// is deleted, so each transaction aims at a fraction of the 50 ms the writer may be held up,
// and the pause lets the writer in (a waiting connection tries again every millisecond,
// store/sqlite_connection.cpp).
struct PruningPace {
  int64_t first_batch_rows = 20;
  int64_t max_batch_rows = 500;
  std::chrono::milliseconds target_batch_time{10};
  std::chrono::milliseconds pause{100};
  // Merging the full-text index in the middle of each pause (TraceStore::merge_search_index).
  std::chrono::milliseconds merge_budget{5};
};

// The size of each batch: as many traces as the target time allows at the cost per trace of
// the last two batches, the cheaper of them, so that one slow batch (SQLite merging its
// full-text segments, a busy disk) does not shrink the next but two do; long bodies cost more to
// take out of the full-text index. Grows at most by half a batch at a time; 1 to max_batch_rows.
class BatchSizer {
 public:
  explicit BatchSizer(const PruningPace& pace);
  int64_t rows() const { return rows_; }
  // A batch of `rows` traces held the lock this long.
  void record(int64_t rows, std::chrono::steady_clock::duration lock_time);

 private:
  const PruningPace pace_;
  int64_t rows_;
  std::optional<double> previous_us_per_row_;
};

// Traces that started before this are past a retention of `days`.
int64_t retention_cut_ms(int64_t now_ms, int64_t days);

// Waits between two batches; false when pruning should stop.
using PauseBetweenBatches = std::function<bool(std::chrono::milliseconds)>;

// Every trace started before `before_ms` (but the last one stored), batch by batch. Returns
// how many went.
int64_t prune_traces_before(store::TraceStore& store, int64_t before_ms, const PruningPace& pace,
                            const PauseBetweenBatches& pause);
// The oldest traces, batch by batch, until the traces take at most `max_bytes`.
int64_t prune_traces_to_size(store::TraceStore& store, int64_t max_bytes, const PruningPace& pace,
                             const PauseBetweenBatches& pause);

struct PruneRound {
  int64_t by_age = 0;
  int64_t by_size = 0;
};

// The server's pruning thread: a round at start, then one every `interval`, each logging one
// line when it deleted something.
class TracePruner {
 public:
  TracePruner(std::unique_ptr<store::TraceStore> store, TraceRetention retention,
              std::chrono::milliseconds interval = std::chrono::seconds(60), PruningPace pace = {});
  ~TracePruner();
  TracePruner(const TracePruner&) = delete;
  TracePruner& operator=(const TracePruner&) = delete;

  void start();
  // Returns once the batch under way (if any) is committed.
  void stop();
  // One round as of `now_ms`; the thread calls it, tests too.
  PruneRound run_round(int64_t now_ms);

 private:
  void loop();
  bool pause_unless_stopping(std::chrono::milliseconds pause);
  bool stop_requested();

  std::unique_ptr<store::TraceStore> store_;
  const TraceRetention retention_;
  const std::chrono::milliseconds interval_;
  const PruningPace pace_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace reinforge::gateway
