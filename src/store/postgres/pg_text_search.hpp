#pragma once
// The text search of traces and records on PostgreSQL: a tsvector per row under a GIN index, its
// words found here rather than by to_tsvector. PostgreSQL's parser cost the trace writer 75 µs a
// trace (it looks for URLs, e-mail addresses, numbers...), and as a generated column on records
// about 150 µs of server CPU a record on import; it also splits text unlike SQLite (keeping
// "chat.completion" whole). This splits text into the words SQLite's FTS5 finds (fts_query.hpp),
// ASCII letters lower-cased, so a search matches the same rows on both backends.
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::store::postgres {

// Each text counts its first this many bytes: a tsvector holds at most 1 MB, and a bigger one
// would fail the whole batch.
inline constexpr std::size_t kSearchedBytesPerBody = 100000;

// The tsvector's text ('word' 'word' ..., sorted, each once) of a trace's bodies.
std::string trace_search_vector(std::string_view request_json,
                                const std::optional<std::string>& response_json);
// The tsvector's text of a record: the words of what record_search_text finds in its JSON line.
// Rows written before that (schema 9 and earlier) keep the raw line's words until edited.
std::string record_search_vector(std::string_view text);
// The tsquery's text ('word' & 'word' ...) of a search; none when it has no word.
std::optional<std::string> search_query(std::string_view text);

}  // namespace reinforge::store::postgres
