// Fills a data directory's store (or a PostgreSQL database, given its postgresql:// URL) with
// COUNT synthetic gateway traces (bench/traces), written in batches of 5,000 through the trace
// store's batch path, as the trace writer does but without the HTTP and upstream work. Prints
// progress to stderr and the rate to stdout.
// Usage: trace_bench_fill DATA_DIR|postgresql://... COUNT [SEED]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "store/postgres/pg_trace_store.hpp"
#include "store/trace_store.hpp"
#include "synthetic_traces.hpp"
#include "util/clock.hpp"

namespace {

constexpr std::size_t kBatch = 5000;

// The traces name keys 1 and 2: the Gateway page shows their names from the keys list.
void create_bench_keys(reinforge::store::TraceStore& store) {
  for (auto n = store.list_gateway_keys().size(); n < 2; ++n) {
    std::string name = "bench key " + std::to_string(n + 1);
    store.create_gateway_key(name, "rfk_bench" + std::to_string(n + 1),
                             "bench-sha256-" + std::to_string(n + 1));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || std::atoll(argv[2]) <= 0) {
    std::fprintf(stderr, "usage: trace_bench_fill DATA_DIR|postgresql://... COUNT [SEED]\n");
    return 2;
  }
  const long long count = std::atoll(argv[2]);
  const unsigned long long seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 42;
  try {
    std::string where = argv[1];
    bool postgres = where.rfind("postgresql://", 0) == 0 || where.rfind("postgres://", 0) == 0;
    auto store = postgres ? reinforge::store::postgres::open_pg_trace_store(where)
                          : reinforge::store::open_sqlite_trace_store(where);
    create_bench_keys(*store);
    reinforge::bench::SyntheticTraces traces(seed, count, reinforge::util::now_unix_millis());
    std::vector<reinforge::store::Trace> batch;
    batch.reserve(kBatch);
    const auto started = std::chrono::steady_clock::now();
    auto seconds_since_start = [&] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    long long written = 0;
    long long next_report = count / 10;
    while (written < count) {
      batch.clear();
      while (batch.size() < kBatch && written + static_cast<long long>(batch.size()) < count)
        batch.push_back(traces.next());
      store->insert_traces(batch);
      written += static_cast<long long>(batch.size());
      if (written >= next_report && written < count) {
        std::fprintf(stderr, "  %lld / %lld traces, %.0f traces/s\n", written, count,
                     written / seconds_since_start());
        next_report += count / 10;
      }
    }
    double seconds = seconds_since_start();
    std::printf("filled %lld traces in %.1f s: %.0f traces/s\n", count, seconds, count / seconds);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "trace_bench_fill: %s\n", error.what());
    return 1;
  }
  return 0;
}
