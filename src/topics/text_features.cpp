#include "topics/text_features.hpp"

#include <algorithm>

namespace reinforge::topics {

namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

// FNV-1a: short keys, fast, stable across runs, and it extends byte by byte, so a word's 3-,
// 4- and 5-grams starting at one place cost five steps rather than twelve.
inline uint64_t fnv1a_step(uint64_t hash, unsigned char c) { return (hash ^ c) * kFnvPrime; }

uint64_t fnv1a(std::string_view bytes, uint64_t seed = kFnvOffset) {
  uint64_t hash = seed;
  for (unsigned char c : bytes) hash = fnv1a_step(hash, c);
  return hash;
}

uint64_t tagged(uint64_t hash, FeatureKind kind) {
  return (hash & ~(3ull << 62)) | (static_cast<uint64_t>(kind) << 62);
}

// The character n-grams of " word " (padded with a space each side), n from min to max.
void add_char_ngrams(std::string_view word, int min_n, int max_n, std::vector<uint64_t>& out) {
  std::size_t padded = word.size() + 2;
  auto byte_at = [&](std::size_t i) -> unsigned char {
    return i == 0 || i == padded - 1 ? ' ' : static_cast<unsigned char>(word[i - 1]);
  };
  for (std::size_t start = 0; start + static_cast<std::size_t>(min_n) <= padded; ++start) {
    uint64_t hash = kFnvOffset;
    std::size_t end = start;
    for (; end < start + static_cast<std::size_t>(min_n); ++end) hash = fnv1a_step(hash, byte_at(end));
    out.push_back(tagged(hash, FeatureKind::char_ngram));
    for (; end < start + static_cast<std::size_t>(max_n) && end < padded; ++end) {
      hash = fnv1a_step(hash, byte_at(end));
      out.push_back(tagged(hash, FeatureKind::char_ngram));
    }
  }
}

}  // namespace

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

void split_words_into(std::string_view lowered, std::vector<std::string_view>& words) {
  words.clear();
  std::size_t i = 0;
  while (i < lowered.size()) {
    while (i < lowered.size() && !is_word_byte(static_cast<unsigned char>(lowered[i]))) ++i;
    std::size_t start = i;
    while (i < lowered.size() && is_word_byte(static_cast<unsigned char>(lowered[i]))) ++i;
    if (i > start) words.push_back(lowered.substr(start, i - start));
  }
}

uint64_t word_key(std::string_view word) {
  return fnv1a(word);
}

void lowercase_ascii_into(std::string_view text, std::string& lowered) {
  lowered.assign(text);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

std::string lowercase_ascii(std::string_view text) {
  std::string lowered;
  lowercase_ascii_into(text, lowered);
  return lowered;
}

std::vector<std::string_view> split_words(std::string_view lowered) {
  std::vector<std::string_view> words;
  split_words_into(lowered, words);
  return words;
}

void extract_features(std::string_view text, const FeatureOptions& options, TextFeatures& out) {
  out.lowered.assign(text);
  for (char& c : out.lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  split_words_into(out.lowered, out.words);
  out.word_keys.clear();
  out.word_end.clear();
  out.occurrences.clear();
  for (auto word : out.words) {
    uint64_t key = word_key(word);
    out.word_keys.push_back(key);
    if (options.words) out.occurrences.push_back(tagged(key, FeatureKind::word));
    if (options.char_ngram_min > 0) add_char_ngrams(word, options.char_ngram_min, options.char_ngram_max, out.occurrences);
    out.word_end.push_back(static_cast<uint32_t>(out.occurrences.size()));
  }
  if (options.word_pairs) {
    for (std::size_t w = 0; w + 1 < out.words.size(); ++w) {
      uint64_t pair = fnv1a(out.words[w + 1], fnv1a(" ", out.word_keys[w]));
      out.occurrences.push_back(tagged(pair, FeatureKind::word_pair));
    }
  }
}

void merge_features(std::vector<uint64_t>& hashes, std::vector<HashedFeature>& merged) {
  std::sort(hashes.begin(), hashes.end());
  merged.clear();
  for (uint64_t hash : hashes) {
    if (!merged.empty() && merged.back().hash == hash) {
      merged.back().count += 1;
    } else {
      merged.push_back({hash, 1});
    }
  }
}

void RepeatCounter::count(const std::vector<uint64_t>& hashes, std::vector<HashedFeature>& repeated) {
  repeated.clear();
  std::size_t slots = 64;
  while (slots < hashes.size() * 2) slots *= 2;
  if (slots > keys_.size() || ++stamp_ == 0) {
    // Grown, or the stamp wrapped around: start from a clean table.
    slots = std::max(slots, keys_.size());
    keys_.assign(slots, 0);
    counts_.assign(slots, 0);
    stamps_.assign(slots, 0);
    stamp_ = 1;
  }
  uint64_t mask = keys_.size() - 1;
  std::size_t repeats = 0;
  for (uint64_t hash : hashes) {
    for (uint64_t slot = (hash ^ (hash >> 31)) & mask;; slot = (slot + 1) & mask) {
      if (stamps_[slot] != stamp_) {
        stamps_[slot] = stamp_;
        keys_[slot] = hash;
        counts_[slot] = 1;
        break;
      }
      if (keys_[slot] == hash) {
        if (counts_[slot]++ == 1) ++repeats;
        break;
      }
    }
  }
  if (repeats == 0) return;
  for (uint64_t hash : hashes) {
    for (uint64_t slot = (hash ^ (hash >> 31)) & mask;; slot = (slot + 1) & mask) {
      if (keys_[slot] != hash) continue;
      if (counts_[slot] > 1) {
        repeated.push_back({hash, static_cast<float>(counts_[slot])});
        counts_[slot] = 1;  // reported once
      }
      break;
    }
  }
}

std::vector<HashedFeature> hashed_features(std::string_view text, const FeatureOptions& options) {
  TextFeatures features;
  extract_features(text, options, features);
  std::vector<HashedFeature> merged;
  merge_features(features.occurrences, merged);
  return merged;
}

}  // namespace reinforge::topics
