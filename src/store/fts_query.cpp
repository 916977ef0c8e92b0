#include "store/fts_query.hpp"

#include <cctype>

namespace reinforge::store {

std::string fts_all_words(const std::string& query) {
  std::string out;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"' + word + '"';
    word.clear();
  };
  for (char c : query) {
    // Bytes of multi-byte UTF-8 characters are kept: the tokenizer counts them as letters.
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace reinforge::store
