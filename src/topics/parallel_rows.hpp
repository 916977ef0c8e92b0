#pragma once
// Splits [0, count) into contiguous ranges worked on by `threads` threads (the caller's
// thread included). Discovery and categorization are CPU-bound loops over independent rows.
#include <cstddef>
#include <functional>

namespace reinforge::topics {

// threads == 0 means one per hardware core.
void parallel_rows(std::size_t count, unsigned threads,
                   const std::function<void(std::size_t begin, std::size_t end, unsigned worker)>& work);

unsigned resolve_threads(unsigned threads);

}  // namespace reinforge::topics
