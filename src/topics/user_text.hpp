#pragma once
// The text topics are computed from: a record's user turns (PRODUCT.md §4).
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::topics {

// The content strings and text parts of the record's "user" messages, joined by newlines.
// nullopt when the line is not a JSON object with a messages array.
std::optional<std::string> user_text_of_record(std::string_view record_line);

}  // namespace reinforge::topics
