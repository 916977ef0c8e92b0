#pragma once
#include <map>
#include <string>
#include <string_view>

namespace reinforge::http {

// Percent-decoding; '+' becomes a space only in query strings.
std::string url_decode(std::string_view text, bool plus_is_space = false);
std::map<std::string, std::string> parse_query(std::string_view query);

}  // namespace reinforge::http
