#pragma once
// The words of a user's search, shared by every full-text search: SQLite's FTS5 indexes (records
// and traces, both tokenized by unicode61, both without positions) and PostgreSQL's record search
// (postgres/pg_record_pages.cpp).
#include <string>
#include <vector>

namespace reinforge::store {

// Runs of letters and digits, as the tokenizers split them (bytes of multi-byte UTF-8 characters
// count as letters); none when the text has no word.
std::vector<std::string> search_words(const std::string& query);

// The FTS5 query: every word must occur (the indexes keep no positions, so no phrases); each is
// quoted so punctuation in user text cannot break FTS5's syntax. Empty when the text has no word.
std::string fts_all_words(const std::string& query);

}  // namespace reinforge::store
