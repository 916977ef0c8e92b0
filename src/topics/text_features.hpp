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

// Lowercased words: runs of ASCII letters/digits and non-ASCII bytes (UTF-8 kept whole).
std::vector<std::string_view> split_words(std::string_view lowered);
std::string lowercase_ascii(std::string_view text);

// Features of one text, sorted by hash with counts merged.
std::vector<HashedFeature> hashed_features(std::string_view text, const FeatureOptions& options);

inline FeatureKind kind_of(uint64_t hash) { return static_cast<FeatureKind>(hash >> 62); }

}  // namespace reinforge::topics
