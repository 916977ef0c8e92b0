#pragma once
// Says where and why a text is not JSON, for a person fixing the line by hand.
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::health {

// "column 2: syntax error while parsing object key - invalid literal; last read: '{a'; expected
// string literal" ("line 2, column 4: ..." when the text spans lines). Only called on text the
// fast parser already rejected, so its cost only falls on broken lines. nullopt when this
// parser accepts the text (the fast one is stricter on depth and number range): the caller keeps
// its own reason then.
std::optional<std::string> describe_json_syntax_error(std::string_view text);

}  // namespace reinforge::health
