#pragma once
// Keyset pages: a list answers with an opaque cursor that says where the next page starts, so
// a page deep in millions of rows costs what the first one does (no OFFSET to skip) and rows
// that arrive between two pages neither repeat nor hide others.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::util {

struct PageCursor {
  // Which query the cursor belongs to (see query_fingerprint): a cursor replayed against
  // another filter is refused instead of silently skipping rows.
  uint64_t query_fingerprint = 0;
  // The sort key of the last row already sent; the next page starts after it.
  std::vector<int64_t> after;
};

// "c1" and the fields in hex: URL-safe, short, and not meant to be read.
std::string encode_page_cursor(const PageCursor& cursor);
// Nothing when the text is not a cursor this version wrote.
std::optional<PageCursor> decode_page_cursor(std::string_view text);

// A stable hash of a query's filter fields (name → value, order-independent by construction).
uint64_t query_fingerprint(const std::map<std::string, std::string>& fields);

}  // namespace reinforge::util
