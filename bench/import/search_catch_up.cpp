// Times the records' search index catching up on a store (store/sqlite_record_search.hpp): the
// import's writer no longer indexes, so `reinforge import` ends before its records are all
// searchable, and this says how long the index then takes on its own.
// Usage: search_catch_up DATA_DIR [--from-scratch]
//   --from-scratch: delete the index file first, to time indexing every record (as after an
//   upgrade)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "store/sqlite_record_search.hpp"
#include "store/store.hpp"

namespace {

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: search_catch_up DATA_DIR [--from-scratch]\n";
    return 2;
  }
  std::filesystem::path data_dir = argv[1];
  if (argc > 2 && std::string(argv[2]) == "--from-scratch") {
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(data_dir /
                              (std::string(reinforge::store::kRecordSearchFile) + suffix));
  }
  auto start = std::chrono::steady_clock::now();
  double cpu_start = cpu_seconds();
  auto store = reinforge::store::open_sqlite_store(data_dir);
  auto datasets = store->list_datasets();
  if (datasets.empty()) {
    std::cerr << "search_catch_up: the store has no dataset\n";
    return 1;
  }
  int64_t records = 0;
  for (const auto& dataset : datasets) records += store->count_records(dataset.id).total;
  reinforge::store::RecordFilter search;
  search.text_query = "user";
  search.limit = 1;
  // Each search waits up to a second for the index, then says whether it had to give up.
  while (store->list_records(datasets.front().id, search).search_catching_up) {
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu = cpu_seconds() - cpu_start;
  std::printf("search index caught up in %.2f s (process CPU %.2f s) over %lld records\n", seconds,
              cpu, static_cast<long long>(records));
  return 0;
}
