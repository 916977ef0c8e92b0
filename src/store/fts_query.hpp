#pragma once
// The words of a search, shared by the full-text indexes: SQLite's FTS5 (records and traces,
// tokenized by unicode61, both without positions) and PostgreSQL's searches
// (postgres/pg_text_search.*, postgres/pg_record_pages.cpp), which split text the same way.
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::store {

// The words of `text` in order: runs of ASCII letters and digits and of bytes of multi-byte
// UTF-8 characters (which unicode61 counts as letters), as they are written.
std::vector<std::string_view> text_words(std::string_view text);

// Every word of the search must occur (the indexes keep no positions, so no phrases); each is
// quoted so punctuation in user text cannot break FTS5's syntax. Empty when the text has no word.
std::string fts_all_words(const std::string& query);

}  // namespace reinforge::store
