#pragma once
// The FTS5 query for a user's search text, shared by the records and the traces full-text
// indexes (both tokenized by unicode61, both without positions).
#include <string>

namespace reinforge::store {

// Every word of the search must occur (the indexes keep no positions, so no phrases); each is
// quoted so punctuation in user text cannot break FTS5's syntax. Words are runs of letters and
// digits, as the tokenizer splits them. Empty when the text has no word.
std::string fts_all_words(const std::string& query);

}  // namespace reinforge::store
