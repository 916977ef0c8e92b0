#include "topics/frequent_word_rows.hpp"

namespace reinforge::topics {

namespace {

// The FNV hashes of words are well mixed in their low bits already; this spreads the high ones.
inline uint64_t slot_of(uint64_t key, uint64_t mask) {
  return (key ^ (key >> 32)) & mask;
}

}  // namespace

void FrequentWordRows::assign(const std::vector<uint64_t>& keys, RowMatrix vectors) {
  std::size_t slots = 16;
  while (slots < keys.size() * 2) slots *= 2;  // at most half full: short probes
  mask_ = slots - 1;
  slot_keys_.assign(slots, 0);
  slot_rows_.assign(slots, -1);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    uint64_t slot = slot_of(keys[i], mask_);
    while (slot_rows_[slot] >= 0) slot = (slot + 1) & mask_;
    slot_keys_[slot] = keys[i];
    slot_rows_[slot] = static_cast<int32_t>(i);
  }
  vectors_ = std::move(vectors);
}

const float* FrequentWordRows::find(uint64_t key) const {
  if (slot_rows_.empty()) return nullptr;
  for (uint64_t slot = slot_of(key, mask_);; slot = (slot + 1) & mask_) {
    int32_t row = slot_rows_[slot];
    if (row < 0) return nullptr;
    if (slot_keys_[slot] == key) return vectors_.row(row).data();
  }
}

}  // namespace reinforge::topics
