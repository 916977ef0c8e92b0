#include "store/fts_query.hpp"

#include <cctype>

namespace reinforge::store {

std::vector<std::string> search_words(const std::string& query) {
  std::vector<std::string> words;
  std::string word;
  for (char c : query) {
    // Bytes of multi-byte UTF-8 characters are kept: the tokenizer counts them as letters.
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string fts_all_words(const std::string& query) {
  std::string out;
  for (const auto& word : search_words(query)) {
    if (!out.empty()) out += ' ';
    out += '"' + word + '"';
  }
  return out;
}

}  // namespace reinforge::store
