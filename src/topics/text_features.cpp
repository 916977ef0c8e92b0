#include "topics/text_features.hpp"

#include <algorithm>

namespace reinforge::topics {

namespace {

// FNV-1a: short keys, fast, and stable across runs so a fitted vocabulary can be reused.
uint64_t fnv1a(std::string_view bytes, uint64_t seed = 1469598103934665603ull) {
  uint64_t hash = seed;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

uint64_t tagged(uint64_t hash, FeatureKind kind) {
  return (hash & ~(3ull << 62)) | (static_cast<uint64_t>(kind) << 62);
}

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace

std::string lowercase_ascii(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lowered;
}

std::vector<std::string_view> split_words(std::string_view lowered) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < lowered.size()) {
    while (i < lowered.size() && !is_word_byte(static_cast<unsigned char>(lowered[i]))) ++i;
    std::size_t start = i;
    while (i < lowered.size() && is_word_byte(static_cast<unsigned char>(lowered[i]))) ++i;
    if (i > start) words.push_back(lowered.substr(start, i - start));
  }
  return words;
}

std::vector<HashedFeature> hashed_features(std::string_view text, const FeatureOptions& options) {
  std::string lowered = lowercase_ascii(text);
  auto words = split_words(lowered);
  std::vector<HashedFeature> features;
  features.reserve(words.size() * 12);
  std::string padded;
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (options.words) features.push_back({tagged(fnv1a(words[w]), FeatureKind::word), 1});
    if (options.word_pairs && w + 1 < words.size()) {
      uint64_t pair = fnv1a(words[w + 1], fnv1a(" ", fnv1a(words[w])));
      features.push_back({tagged(pair, FeatureKind::word_pair), 1});
    }
    if (options.char_ngram_min > 0) {
      padded.assign(1, ' ');
      padded.append(words[w]);
      padded.push_back(' ');
      for (int n = options.char_ngram_min; n <= options.char_ngram_max; ++n) {
        if (static_cast<std::size_t>(n) > padded.size()) break;
        for (std::size_t start = 0; start + n <= padded.size(); ++start) {
          auto gram = std::string_view(padded).substr(start, n);
          features.push_back({tagged(fnv1a(gram), FeatureKind::char_ngram), 1});
        }
      }
    }
  }
  std::sort(features.begin(), features.end(),
            [](const HashedFeature& a, const HashedFeature& b) { return a.hash < b.hash; });
  std::size_t out = 0;
  for (std::size_t i = 0; i < features.size(); ++i) {
    if (out && features[out - 1].hash == features[i].hash) {
      features[out - 1].count += features[i].count;
    } else {
      features[out++] = features[i];
    }
  }
  features.resize(out);
  return features;
}

}  // namespace reinforge::topics
