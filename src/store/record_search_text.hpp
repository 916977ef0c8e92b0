#pragma once
// What a record's text search looks at (both stores): the text of the record's JSON string
// values with their escapes decoded ("Caf\u00e9" is found as "café"), not the object keys nor the
// structural values every record has ("role": "user", "type": "function"), which made a search
// for "content" or "role" match every record. A line that is not valid JSON (an invalid record,
// kept for review) is searched as it is.
#include <string>
#include <string_view>

namespace reinforge::store {

std::string record_search_text(std::string_view line);

}  // namespace reinforge::store
