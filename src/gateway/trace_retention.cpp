#include "gateway/trace_retention.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>
#include <string>

#include "util/byte_size.hpp"
#include "util/clock.hpp"
#include "util/thread_name.hpp"

namespace reinforge::gateway {

namespace {

constexpr int64_t kDayMs = 86400000;

// Deletes batches of the oldest traces before `before_ms` while `wanted` asks for more: given
// how many went so far, the most the next batch may take (0: stop).
int64_t prune_in_batches(store::TraceStore& store, int64_t before_ms, const PruningPace& pace,
                         const PauseBetweenBatches& pause,
                         const std::function<int64_t(int64_t deleted)>& wanted) {
  int64_t total = 0;
  BatchSizer sizer(pace);
  for (int64_t limit = wanted(0); limit > 0; limit = wanted(total)) {
    int64_t rows = std::min(sizer.rows(), limit);
    int64_t deleted = store.prune_traces(before_ms, rows);
    total += deleted;
    if (deleted < rows) break;  // nothing older is left (but the last trace stored)
    sizer.record(rows, store.last_prune_lock_time());
    // The pages each step wrote are copied into the database file here, not by the writer's
    // next commit (which does it once the log holds 4 MB, 20-45 ms on the 2-core machine). Halfway
    // through the pause, with the writer let in before and after, a few steps merge the full-text
    // segments the deletes left.
    store.checkpoint();
    if (!pause(pace.pause / 2)) break;
    store.merge_search_index(pace.merge_budget);
    store.checkpoint();
    if (!pause(pace.pause - pace.pause / 2)) break;
  }
  return total;
}

}  // namespace

BatchSizer::BatchSizer(const PruningPace& pace)
    : pace_(pace), rows_(std::clamp<int64_t>(pace.first_batch_rows, 1, pace.max_batch_rows)) {}

void BatchSizer::record(int64_t rows, std::chrono::steady_clock::duration lock_time) {
  auto micros = [](auto duration) {
    return static_cast<double>(
        std::chrono::duration_cast<std::chrono::microseconds>(duration).count());
  };
  double us_per_row =
      std::max(micros(lock_time), 1.0) / static_cast<double>(std::max<int64_t>(rows, 1));
  double cost = previous_us_per_row_ ? std::min(us_per_row, *previous_us_per_row_) : us_per_row;
  previous_us_per_row_ = us_per_row;
  auto affordable = static_cast<int64_t>(micros(pace_.target_batch_time) / cost);
  rows_ = std::clamp<int64_t>(std::min(affordable, rows + rows / 2 + 1), 1, pace_.max_batch_rows);
}

int64_t retention_cut_ms(int64_t now_ms, int64_t days) {
  // A retention longer than the clock goes back keeps everything.
  if (days >= std::numeric_limits<int64_t>::max() / kDayMs)
    return std::numeric_limits<int64_t>::min();
  return now_ms - days * kDayMs;
}

int64_t prune_traces_before(store::TraceStore& store, int64_t before_ms, const PruningPace& pace,
                            const PauseBetweenBatches& pause) {
  return prune_in_batches(store, before_ms, pace, pause,
                          [](int64_t) { return std::numeric_limits<int64_t>::max(); });
}

int64_t prune_traces_to_size(store::TraceStore& store, int64_t max_bytes, const PruningPace& pace,
                             const PauseBetweenBatches& pause) {
  const int64_t bytes_at_start = store.trace_bytes();
  // Each batch takes what the bytes still over the limit come to at the bytes a trace freed so
  // far (one trace first, to learn it): a batch of the pruner's usual size would delete up to
  // hundreds of traces more than the limit asks.
  return prune_in_batches(
      store, std::numeric_limits<int64_t>::max(), pace, pause, [&](int64_t deleted) -> int64_t {
        const int64_t bytes = store.trace_bytes();
        if (bytes <= max_bytes) return 0;
        if (deleted == 0 || bytes >= bytes_at_start) return 1;
        const double per_trace = static_cast<double>(bytes_at_start - bytes) / deleted;
        return std::max<int64_t>(1,
                                 static_cast<int64_t>(std::ceil((bytes - max_bytes) / per_trace)));
      });
}

TracePruner::TracePruner(std::unique_ptr<store::TraceStore> store, TraceRetention retention,
                         std::chrono::milliseconds interval, PruningPace pace)
    : store_(std::move(store)), retention_(retention), interval_(interval), pace_(pace) {}

TracePruner::~TracePruner() {
  stop();
}

void TracePruner::start() {
  thread_ = std::thread([this] {
    util::name_this_thread("trace-prune");
    loop();
  });
}

void TracePruner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool TracePruner::pause_unless_stopping(std::chrono::milliseconds pause) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, pause, [this] { return stopping_; });
}

bool TracePruner::stop_requested() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

PruneRound TracePruner::run_round(int64_t now_ms) {
  PruneRound round;
  auto pause = [this](std::chrono::milliseconds duration) {
    return pause_unless_stopping(duration);
  };
  if (retention_.days) {
    round.by_age =
        prune_traces_before(*store_, retention_cut_ms(now_ms, *retention_.days), pace_, pause);
  }
  if (retention_.max_bytes && !stop_requested()) {
    round.by_size = prune_traces_to_size(*store_, *retention_.max_bytes, pace_, pause);
  }
  return round;
}

void TracePruner::loop() {
  // Unlike the trace writer, this thread keeps the normal priority: it holds the database lock
  // the writer waits for, and at a low priority a busy host would pause it mid-transaction. Once
  // caught up it works a few milliseconds a minute; with a backlog, about 10 ms in every 110.
  do {
    try {
      auto round = run_round(util::now_unix_millis());
      if (round.by_age + round.by_size > 0) {
        std::string line =
            "Trace retention: deleted " + std::to_string(round.by_age + round.by_size) + " traces";
        if (round.by_age)
          line += ", " + std::to_string(round.by_age) + " older than " +
                  std::to_string(*retention_.days) + " days";
        if (round.by_size) {
          line += ", " + std::to_string(round.by_size) + " over the " +
                  util::format_byte_size(*retention_.max_bytes) + " limit";
        }
        line += "; the traces now take " + util::format_byte_size(store_->trace_bytes()) + "\n";
        std::cout << line << std::flush;  // one write: other threads log too
      }
    } catch (const std::exception& error) {
      std::cerr << "reinforge: trace retention failed a round (it tries again in "
                << interval_.count() / 1000 << " s): " << error.what() << "\n";
    }
  } while (pause_unless_stopping(interval_));
}

}  // namespace reinforge::gateway
