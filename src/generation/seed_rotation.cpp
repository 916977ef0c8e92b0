#include "generation/seed_rotation.hpp"

#include <algorithm>
#include <numeric>

namespace reinforge::generation {

SeedRotation::SeedRotation(std::size_t pool, std::size_t per_call, uint64_t seed)
    : order_(pool), random_(seed) {
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  per_call_ = pool > per_call ? per_call : (pool > 1 ? pool - 1 : pool);
  reshuffle();
}

void SeedRotation::reshuffle() {
  std::shuffle(order_.begin(), order_.end(), random_);
  cursor_ = 0;
}

std::vector<std::size_t> SeedRotation::next() {
  if (order_.empty() || per_call_ == 0) return {};
  for (int attempt = 0;; ++attempt) {
    std::vector<std::size_t> chosen;
    for (std::size_t i = 0; i < per_call_; ++i) {
      if (cursor_ >= order_.size()) reshuffle();
      chosen.push_back(order_[cursor_++]);
    }
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    // A set that repeats the previous one is drawn again; a pool of one cannot differ.
    if (chosen != previous_ || order_.size() == 1 || attempt >= 8) {
      previous_ = chosen;
      return chosen;
    }
  }
}

}  // namespace reinforge::generation
