#include "topics/parallel_rows.hpp"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace reinforge::topics {

unsigned resolve_threads(unsigned threads) {
  if (threads) return threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

void parallel_rows(std::size_t count, unsigned threads,
                   const std::function<void(std::size_t, std::size_t, unsigned)>& work) {
  unsigned workers = std::min<std::size_t>(resolve_threads(threads), std::max<std::size_t>(count, 1));
  if (workers <= 1) {
    work(0, count, 0);
    return;
  }
  std::vector<std::exception_ptr> errors(workers);
  auto run = [&](unsigned worker) {
    std::size_t begin = count * worker / workers, end = count * (worker + 1) / workers;
    try {
      work(begin, end, worker);
    } catch (...) {
      errors[worker] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned worker = 1; worker < workers; ++worker) pool.emplace_back(run, worker);
  run(0);
  for (auto& thread : pool) thread.join();
  for (auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace reinforge::topics
