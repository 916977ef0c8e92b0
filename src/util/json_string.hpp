#pragma once
// JSON strings written straight into a std::string, for the hot paths that write JSON text
// without building a document (the gateway's protocol translations, its stream assembler).
#include <string>
#include <string_view>

namespace reinforge::util {

// Appends `text` as a JSON string, quotes included, byte for byte as nlohmann::json's
// dump(-1, ' ', false, error_handler_t::replace) writes it: `"` `\` and control characters
// escaped (\b \t \n \f \r, else \u00xx), other characters as they are, and each invalid UTF-8
// sequence replaced by U+FFFD, so the text is valid JSON whatever bytes came in.
void append_json_string(std::string& out, std::string_view text);

// The same, as a new string.
std::string json_string(std::string_view text);

}  // namespace reinforge::util
