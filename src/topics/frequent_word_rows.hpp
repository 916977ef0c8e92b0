#pragma once
// Projected vectors of frequent words, so embedding a text adds one row per known word instead
// of one per feature (a word and its ~8 character n-grams). Keyed by the word's hash; an
// open-addressing table, read by many threads once built.
#include <cstdint>
#include <vector>

#include "topics/sparse_rows.hpp"

namespace reinforge::topics {

class FrequentWordRows {
 public:
  // `keys[i]` names row i of `vectors`; keys are distinct.
  void assign(const std::vector<uint64_t>& keys, RowMatrix vectors);
  // The word's row, or nullptr when it is not cached.
  const float* find(uint64_t key) const;
  std::size_t size() const { return static_cast<std::size_t>(vectors_.rows()); }

 private:
  std::vector<uint64_t> slot_keys_;
  std::vector<int32_t> slot_rows_;  // -1: empty slot
  uint64_t mask_ = 0;
  RowMatrix vectors_;
};

}  // namespace reinforge::topics
