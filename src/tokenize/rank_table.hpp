#pragma once
// Byte-string -> rank lookup for a BPE vocabulary: open addressing over one byte arena, so a
// lookup is a hash of the piece and usually one probe, with no allocation.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::tokenize {

// A fast non-cryptographic hash of short byte strings (8 bytes at a time, multiply-mix).
uint64_t hash_bytes(std::string_view bytes);

class RankTable {
 public:
  // Parses a tiktoken rank file: one "<base64 bytes> <rank>" a line.
  static RankTable from_tiktoken_file(std::string_view content);

  std::optional<uint32_t> find(std::string_view bytes) const;
  // The same lookup with the bytes' hash_bytes already computed.
  std::optional<uint32_t> find(std::string_view bytes, uint64_t hash) const;
  std::string_view bytes_of(uint32_t rank) const;
  std::size_t size() const { return by_rank_.size(); }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0;
    uint32_t length = 0;  // 0: empty slot
    uint32_t rank = 0;
  };
  void insert(std::string_view bytes, uint32_t rank);

  std::string arena_;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  std::vector<std::pair<uint32_t, uint32_t>> by_rank_;  // (offset, length) per rank
};

}  // namespace reinforge::tokenize
