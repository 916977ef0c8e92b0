#pragma once
// Reading members of request and answer JSON that may have any shape (a caller's body, an
// upstream's answer, fuzz input): every translator reads through these, so none throws from the
// JSON library on a wrong shape. A null member reads as absent, as the APIs treat it.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace reinforge::protocols {

// The member `key` of `object`; nullptr when `object` is not an object, lacks it or has null.
const nlohmann::json* member(const nlohmann::json& object, std::string_view key);
// The member `key` when it is a string, else "".
std::string string_member(const nlohmann::json& object, std::string_view key);

}  // namespace reinforge::protocols
