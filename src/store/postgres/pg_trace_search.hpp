#pragma once
// The traces' text search on PostgreSQL: a tsvector per trace under a GIN index, its words found
// here rather than by to_tsvector. PostgreSQL's parser cost the writer 75 µs a trace (it looks
// for URLs, e-mail addresses, numbers...) and split text unlike SQLite (keeping "chat.completion"
// whole); this splits it into the words SQLite's FTS5 finds (fts_query.hpp), ASCII letters
// lower-cased, so a search matches the same traces on both backends.
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::store::postgres {

// Each body counts its first this many bytes: a tsvector holds at most 1 MB, and a bigger one
// would fail the whole batch.
inline constexpr std::size_t kSearchedBytesPerBody = 100000;

// The tsvector's text ('word' 'word' ..., sorted, each once) of a trace's bodies.
std::string trace_search_vector(std::string_view request_json,
                                const std::optional<std::string>& response_json);
// The tsquery's text ('word' & 'word' ...) of a search; none when it has no word.
std::optional<std::string> trace_search_query(std::string_view text);

}  // namespace reinforge::store::postgres
