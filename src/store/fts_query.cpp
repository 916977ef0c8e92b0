#include "store/fts_query.hpp"

#include <cctype>

namespace reinforge::store {

std::vector<std::string_view> text_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  bool inside = false;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    auto c = i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
    // Bytes of multi-byte UTF-8 characters are kept: the tokenizer counts them as letters.
    bool letter = i < text.size() && (std::isalnum(c) || c >= 0x80);
    if (letter && !inside) start = i;
    if (!letter && inside) words.push_back(text.substr(start, i - start));
    inside = letter;
  }
  return words;
}

std::string fts_all_words(const std::string& query) {
  std::string out;
  for (auto word : text_words(query)) {
    if (!out.empty()) out += ' ';
    out += '"';
    out += word;
    out += '"';
  }
  return out;
}

}  // namespace reinforge::store
