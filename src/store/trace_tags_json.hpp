#pragma once
// A trace's tags as stored in its tags_json column (both backends): a JSON array of strings.
// Tags are short and never hold quotes that need more than this escaping.
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::store {

std::string tags_to_json(const std::vector<std::string>& tags);
std::vector<std::string> tags_from_json(std::string_view json);

}  // namespace reinforge::store
