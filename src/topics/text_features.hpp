#pragma once
// Hashed lexical features of a text: words, word pairs and character n-grams inside words.
// Character n-grams let "refund", "refunds" and "refunded" share most of their features, which
// matters for short user requests where each word counts.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reinforge::topics {

struct FeatureOptions {
  bool words = true;
  bool word_pairs = true;
  int char_ngram_min = 3;  // 0 disables character n-grams
  int char_ngram_max = 5;
  float word_weight = 1.0f;  // relative weights of the three kinds, applied after TF-IDF
  float pair_weight = 1.0f;
  float char_weight = 1.0f;
};

enum class FeatureKind : uint8_t { word = 0, word_pair = 1, char_ngram = 2 };

struct HashedFeature {
  uint64_t hash;      // the kind is in the top two bits
  float count;
};

// Every feature occurrence of one text, in text order: each word's own features (the word,
// then its character n-grams) form a contiguous range, the word pairs come last. Reused from
// text to text so a loop over a million texts does not allocate.
struct TextFeatures {
  std::string lowered;
  std::vector<std::string_view> words;  // into `lowered`
  std::vector<uint64_t> word_keys;      // per word: its hash untagged, a key for per-word caches
  std::vector<uint32_t> word_end;       // word w's features end at occurrences[word_end[w]]
  std::vector<uint64_t> occurrences;    // tagged hashes, repeated features repeated
};

// Lowercased words: runs of ASCII letters/digits and non-ASCII bytes (UTF-8 kept whole).
std::vector<std::string_view> split_words(std::string_view lowered);
// A byte split_words keeps inside a word (of lowered text).
bool is_word_byte(unsigned char c);
// The same into `words` (cleared first), for loops that reuse it from text to text.
void split_words_into(std::string_view lowered, std::vector<std::string_view>& words);
std::string lowercase_ascii(std::string_view text);
void lowercase_ascii_into(std::string_view text, std::string& lowered);
// A word's 64-bit key (FNV-1a, stable across runs): TextFeatures::word_keys, and the key of
// per-word tables.
uint64_t word_key(std::string_view word);

void extract_features(std::string_view text, const FeatureOptions& options, TextFeatures& out);

// Sorts `hashes` and merges equal ones into (hash, count) pairs.
void merge_features(std::vector<uint64_t>& hashes, std::vector<HashedFeature>& merged);

// The hashes that occur more than once, with their counts, in no particular order: a small
// hash table instead of a sort, since most texts repeat only a few features.
class RepeatCounter {
 public:
  void count(const std::vector<uint64_t>& hashes, std::vector<HashedFeature>& repeated);

 private:
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> counts_;
  std::vector<uint32_t> stamps_;  // a slot is in use when its stamp is the current one
  uint32_t stamp_ = 0;
};

// Features of one text, sorted by hash with counts merged.
std::vector<HashedFeature> hashed_features(std::string_view text, const FeatureOptions& options);

inline FeatureKind kind_of(uint64_t hash) { return static_cast<FeatureKind>(hash >> 62); }

}  // namespace reinforge::topics
