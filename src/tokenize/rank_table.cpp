#include "tokenize/rank_table.hpp"

#include <cstring>
#include <stdexcept>

namespace reinforge::tokenize {

uint64_t hash_bytes(std::string_view bytes) {
  uint64_t hash = 0x9E3779B97F4A7C15ull ^ (bytes.size() * 0xFF51AFD7ED558CCDull);
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    hash = (hash ^ word) * 0xC4CEB9FE1A85EC53ull;
    hash ^= hash >> 29;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  hash = (hash ^ tail) * 0xC4CEB9FE1A85EC53ull;
  hash ^= hash >> 32;
  return hash;
}

namespace {

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::string decode_base64(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    int value = base64_value(c);
    if (value < 0) throw std::runtime_error("corrupt tokenizer rank data");
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace

RankTable RankTable::from_tiktoken_file(std::string_view content) {
  RankTable table;
  std::size_t lines = 0;
  for (char c : content) lines += c == '\n';
  std::size_t capacity = 1;
  while (capacity < lines * 2 + 16) capacity <<= 1;
  table.slots_.resize(capacity);
  table.mask_ = capacity - 1;
  table.arena_.reserve(lines * 8);
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    auto space = line.find(' ');
    if (space == std::string_view::npos) throw std::runtime_error("corrupt tokenizer rank data");
    uint32_t rank = static_cast<uint32_t>(std::stoul(std::string(line.substr(space + 1))));
    table.insert(decode_base64(line.substr(0, space)), rank);
  }
  return table;
}

void RankTable::insert(std::string_view bytes, uint32_t rank) {
  uint32_t offset = static_cast<uint32_t>(arena_.size());
  arena_.append(bytes);
  uint64_t hash = hash_bytes(bytes);
  for (uint64_t index = hash & mask_;; index = (index + 1) & mask_) {
    if (slots_[index].length == 0) {
      slots_[index] = {hash, offset, static_cast<uint32_t>(bytes.size()), rank};
      break;
    }
  }
  if (by_rank_.size() <= rank) by_rank_.resize(rank + 1, {0, 0});
  by_rank_[rank] = {offset, static_cast<uint32_t>(bytes.size())};
}

std::optional<uint32_t> RankTable::find(std::string_view bytes) const {
  if (bytes.empty()) return std::nullopt;
  return find(bytes, hash_bytes(bytes));
}

std::optional<uint32_t> RankTable::find(std::string_view bytes, uint64_t hash) const {
  if (bytes.empty()) return std::nullopt;
  for (uint64_t index = hash & mask_;; index = (index + 1) & mask_) {
    const Slot& slot = slots_[index];
    if (slot.length == 0) return std::nullopt;
    if (slot.hash == hash && slot.length == bytes.size() &&
        std::memcmp(arena_.data() + slot.offset, bytes.data(), bytes.size()) == 0) {
      return slot.rank;
    }
  }
}

std::string_view RankTable::bytes_of(uint32_t rank) const {
  if (rank >= by_rank_.size()) return {};
  return std::string_view(arena_).substr(by_rank_[rank].first, by_rank_[rank].second);
}

}  // namespace reinforge::tokenize
