#include "store/postgres/pg_text_search.hpp"

#include <algorithm>
#include <vector>

#include "store/fts_query.hpp"
#include "store/postgres/pg_copy_rows.hpp"
#include "store/record_search_text.hpp"

namespace reinforge::store::postgres {

namespace {

// PostgreSQL refuses a lexeme this long or longer (tsvector input fails: "word is too long"),
// as the server stores it; such a "word" (a base64 blob) is not one anybody searches for.
constexpr std::size_t kLexemeLimit = 2047;

// Whether `word` fits in a lexeme once stored: each byte that is not valid UTF-8 becomes a
// three-byte U+FFFD (pg_copy_rows.hpp).
bool fits_a_lexeme(std::string_view word) {
  if (word.size() < kLexemeLimit / 3) return true;
  if (word.size() >= kLexemeLimit) return false;
  return copies_unchanged(word) || text_as_copied(word).size() < kLexemeLimit;
}

// The words of `text` (its first kSearchedBytesPerBody bytes), lower-cased into `lowered`,
// which the views point into: one copy of the text rather than one string per word.
void add_words(std::string_view text, std::string& lowered, std::vector<std::string_view>& words) {
  std::size_t end = std::min(text.size(), kSearchedBytesPerBody);
  // Cut before a character, not inside one: a lexeme must be valid UTF-8.
  while (end < text.size() && end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  lowered.assign(text.substr(0, end));
  for (auto& c : lowered)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (auto word : text_words(lowered))
    if (fits_a_lexeme(word)) words.push_back(word);
}

// Lexemes hold only letters, digits and bytes >= 0x80: no quote or backslash to escape.
std::string quoted(std::vector<std::string_view>& words, const char* separator) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string_view between(separator);
  std::size_t size = 0;
  for (auto word : words) size += word.size() + 2 + between.size();
  std::string text;
  text.reserve(size);
  for (auto word : words) {
    if (!text.empty()) text += between;
    text += '\'';
    text += word;
    text += '\'';
  }
  return text;
}

}  // namespace

std::string trace_search_vector(std::string_view request_json,
                                const std::optional<std::string>& response_json) {
  std::string request, response;
  std::vector<std::string_view> words;
  add_words(request_json, request, words);
  if (response_json) add_words(*response_json, response, words);
  return quoted(words, " ");
}

std::string record_search_vector(std::string_view text) {
  std::string lowered;
  std::vector<std::string_view> words;
  add_words(record_search_text(text), lowered, words);
  return quoted(words, " ");
}

std::optional<std::string> search_query(std::string_view text) {
  std::string lowered;
  std::vector<std::string_view> words;
  add_words(text, lowered, words);
  if (words.empty()) return std::nullopt;
  return quoted(words, " & ");
}

}  // namespace reinforge::store::postgres
