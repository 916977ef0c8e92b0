// How long pruning holds up the trace writer (issue 20: "never stalls the writer for more than
// 50 ms"). Fills a new store with TRACES synthetic traces over the last 30 days, then runs the
// gateway's TraceWriter at a gateway-like rate (its own thread, priority and batching) while
// retention prunes the oldest share of them in its paced batches on a second connection, as the
// server's pruning thread does. Every batch the writer commits is timed (its wait for the
// database lock, its own work and commit, the checkpoint after it): first with the writer alone,
// then while pruning, then after. Checks that no trace newer than the cut was lost.
// Usage: trace_bench_prune_stall DATA_DIR [--traces N] [--extra-words N] [--rate CALLS_PER_S]
//        [--prune-share F] [--alone-seconds S] [--seed N]
// DATA_DIR must not exist (it is created and left for a look afterwards).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gateway/trace_retention.hpp"
#include "gateway/trace_writer.hpp"
#include "store/sqlite_connection.hpp"
#include "store/trace_store.hpp"
#include "support/forwarding_trace_store.hpp"
#include "synthetic_traces.hpp"
#include "util/clock.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using reinforge::store::Trace;
using reinforge::store::TraceStore;

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

struct TimedWrite {
  Clock::time_point started;
  double ms;
  double lock_wait_ms;
  std::size_t traces;
};

// The trace writer's store with each insert_traces timed; everything else passes through.
class TimedTraceStore : public reinforge::testing::ForwardingTraceStore {
 public:
  using ForwardingTraceStore::ForwardingTraceStore;

  std::vector<TimedWrite> writes() {
    std::lock_guard lock(mutex_);
    return writes_;
  }

  void insert_traces(std::span<const Trace> traces) override {
    auto started = Clock::now();
    inner_->insert_traces(traces);
    double ms = ms_between(started, Clock::now());
    double waited_ms =
        std::chrono::duration<double, std::milli>(inner_->last_insert_lock_wait()).count();
    std::lock_guard lock(mutex_);
    writes_.push_back({started, ms, waited_ms, traces.size()});
  }

 private:
  std::mutex mutex_;
  std::vector<TimedWrite> writes_;
};

struct Options {
  std::filesystem::path data_dir;
  long long traces = 100000;
  int extra_words = 0;
  int rate = 1000;
  double prune_share = 0.45;
  double alone_seconds = 10;
  unsigned long long seed = 42;
};

double percentile(std::vector<double> values, double share) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto index = static_cast<std::size_t>(share * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

void print_distribution(const char* what, const std::vector<double>& ms) {
  long over = std::count_if(ms.begin(), ms.end(), [](double v) { return v > 50; });
  std::printf("%-34s %6zu  p50 %6.1f  p90 %6.1f  p99 %6.1f  max %6.1f ms  over 50 ms: %ld\n", what,
              ms.size(), percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 0.99),
              ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()), over);
}

int64_t count(reinforge::store::Connection& db, const std::string& sql) {
  auto statement = db.prepare(sql);
  statement.step();
  int64_t value = statement.column_int(0);
  statement.reset();  // a statement left mid-step keeps its read snapshot, and the WAL with it
  return value;
}

Options parse(int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') throw std::invalid_argument("DATA_DIR comes first");
  Options options;
  options.data_dir = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
    const char* value = argv[++i];
    if (flag == "--traces")
      options.traces = std::atoll(value);
    else if (flag == "--extra-words")
      options.extra_words = std::atoi(value);
    else if (flag == "--rate")
      options.rate = std::atoi(value);
    else if (flag == "--prune-share")
      options.prune_share = std::atof(value);
    else if (flag == "--alone-seconds")
      options.alone_seconds = std::atof(value);
    else if (flag == "--seed")
      options.seed = std::strtoull(value, nullptr, 10);
    else
      throw std::invalid_argument("unknown option " + flag);
  }
  if (options.traces <= 0 || options.rate <= 0 || options.prune_share <= 0 ||
      options.prune_share >= 1 || options.extra_words < 0)
    throw std::invalid_argument("--traces and --rate above 0, --prune-share between 0 and 1");
  if (std::filesystem::exists(options.data_dir))
    throw std::invalid_argument(options.data_dir.string() + " exists: give a new directory");
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace reinforge;
  try {
    Options options = parse(argc, argv);
    std::filesystem::create_directories(options.data_dir);
    const int64_t now_ms = util::now_unix_millis();
    constexpr int64_t kThirtyDaysMs = 30LL * 24 * 3600 * 1000;
    const int64_t cut_ms =
        now_ms - kThirtyDaysMs + static_cast<int64_t>(options.prune_share * kThirtyDaysMs);

    // The backlog: what the store holds when retention is first switched on.
    auto fill_started = Clock::now();
    {
      auto store = store::open_sqlite_trace_store(options.data_dir);
      bench::SyntheticTraces old(options.seed, options.traces, now_ms, options.extra_words);
      std::vector<Trace> batch;
      for (long long written = 0; written < options.traces;) {
        batch.clear();
        while (batch.size() < 5000 &&
               written + static_cast<long long>(batch.size()) < options.traces)
          batch.push_back(old.next());
        store->insert_traces(batch);
        written += static_cast<long long>(batch.size());
      }
      // What merging the bulk batches left (the trace writer's trickle keeps up as it goes).
      auto merge_started = Clock::now();
      while (store->merge_search_index(std::chrono::seconds(10))) {
      }
      std::printf("merging what the fill left took %.1f s\n",
                  ms_between(merge_started, Clock::now()) / 1000);
    }
    store::Connection db(options.data_dir / "reinforge.db");
    const int64_t newer_than_cut =
        count(db, "SELECT count(*) FROM traces WHERE created_at >= " + std::to_string(cut_ms));
    std::printf("filled %lld traces (%.0f bytes of text each) in %.1f s; the cut leaves %lld\n",
                options.traces,
                static_cast<double>(count(db, "SELECT bytes FROM trace_space")) /
                    static_cast<double>(options.traces),
                ms_between(fill_started, Clock::now()) / 1000,
                static_cast<long long>(newer_than_cut));

    // The gateway's trace writer, fed `rate` calls a second in ticks of 10 ms.
    auto timed =
        std::make_unique<TimedTraceStore>(store::open_sqlite_trace_store(options.data_dir));
    TimedTraceStore* timings = timed.get();
    gateway::TraceWriter writer(std::move(timed), 100000);
    std::atomic<bool> feeding{true};
    std::atomic<long long> submitted{0};
    std::thread feeder([&] {
      bench::SyntheticTraces live(options.seed + 1, 1000000, now_ms, options.extra_words);
      auto next_tick = Clock::now();
      double owed = 0;
      while (feeding) {
        next_tick += std::chrono::milliseconds(10);
        std::this_thread::sleep_until(next_tick);
        for (owed += options.rate / 100.0; owed >= 1; owed -= 1) {
          gateway::CapturedTrace captured;
          captured.trace = live.next();
          captured.trace.created_at_ms = util::now_unix_millis();
          writer.submit(std::move(captured));
          ++submitted;
        }
      }
    });

    auto alone_from = Clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(options.alone_seconds));
    auto prune_from = Clock::now();
    std::vector<double> batch_lock_ms;
    int64_t pruned = 0;
    {
      auto pruner_store = store::open_sqlite_trace_store(options.data_dir);
      auto note_batch = [&] {
        batch_lock_ms.push_back(
            std::chrono::duration<double, std::milli>(pruner_store->last_prune_lock_time())
                .count());
      };
      gateway::PruningPace pace;
      pruned = gateway::prune_traces_before(*pruner_store, cut_ms, pace,
                                            [&](std::chrono::milliseconds pause) {
                                              note_batch();
                                              std::this_thread::sleep_for(pause);
                                              return true;
                                            });
      note_batch();  // the last batch, which found the cut
    }
    auto prune_to = Clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    feeding = false;
    feeder.join();
    writer.flush();
    auto stats = writer.stats();

    std::vector<double> alone, while_pruning, waited_alone, waited_while_pruning;
    for (const auto& write : timings->writes()) {
      if (write.started >= alone_from && write.started < prune_from) {
        alone.push_back(write.ms);
        waited_alone.push_back(write.lock_wait_ms);
      }
      if (write.started >= prune_from && write.started < prune_to) {
        while_pruning.push_back(write.ms);
        waited_while_pruning.push_back(write.lock_wait_ms);
      }
    }
    double prune_seconds = ms_between(prune_from, prune_to) / 1000;
    std::printf(
        "pruned %lld traces in %.1f s (%.0f a second) in %zu batches; writer at %d calls/s, "
        "%llu written, %llu dropped, %llu failed\n",
        static_cast<long long>(pruned), prune_seconds, pruned / prune_seconds, batch_lock_ms.size(),
        options.rate, static_cast<unsigned long long>(stats.written),
        static_cast<unsigned long long>(stats.dropped),
        static_cast<unsigned long long>(stats.failed));
    print_distribution("writer's wait for the lock, alone", waited_alone);
    print_distribution("writer's wait for the lock, pruning", waited_while_pruning);
    print_distribution("writer's whole batch, alone", alone);
    print_distribution("writer's whole batch, pruning", while_pruning);
    print_distribution("prune batch, lock held", batch_lock_ms);

    // Nothing newer than the cut may go; everything older but the last trace stored must.
    int64_t kept_newer =
        count(db, "SELECT count(*) FROM traces WHERE created_at >= " + std::to_string(cut_ms));
    int64_t left_older =
        count(db, "SELECT count(*) FROM traces WHERE created_at < " + std::to_string(cut_ms));
    int64_t expected_newer = newer_than_cut + static_cast<int64_t>(stats.written);
    bool ok = kept_newer == expected_newer && left_older == 0 && stats.failed == 0 &&
              static_cast<long long>(stats.written) == submitted.load();
    std::printf("traces newer than the cut: %lld of %lld kept; older left: %lld -> %s\n",
                static_cast<long long>(kept_newer), static_cast<long long>(expected_newer),
                static_cast<long long>(left_older), ok ? "ok" : "LOST OR LEFT TRACES");
    return ok ? 0 : 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "trace_bench_prune_stall: %s\n", error.what());
    return 2;
  }
}
