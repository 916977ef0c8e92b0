#pragma once
// Which real records seed each generation call (PRODUCT.md §5): a few per call, varied, walking
// through the topic's records in a shuffled order so every one serves in turn, and never the
// same set twice in a row (which would make consecutive calls write the same things).
#include <cstdint>
#include <random>
#include <vector>

namespace reinforge::generation {

class SeedRotation {
 public:
  // `pool`: indexes of the topic's example records; `per_call`: seeds wanted per call.
  SeedRotation(std::size_t pool, std::size_t per_call, uint64_t seed);

  // Indexes into the pool for the next call; empty when the pool is empty. With a pool no
  // larger than `per_call` the sets have one fewer element, so consecutive ones still differ
  // (a pool of one has no choice).
  std::vector<std::size_t> next();

 private:
  void reshuffle();

  std::size_t per_call_;
  std::vector<std::size_t> order_;
  std::size_t cursor_ = 0;
  std::vector<std::size_t> previous_;  // sorted
  std::mt19937_64 random_;
};

}  // namespace reinforge::generation
