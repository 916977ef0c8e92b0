#pragma once
// The three roles of docs/access.md, each allowed what the one before it is and more.
#include <optional>
#include <string_view>

namespace reinforge::access {

enum class Role { viewer = 0, editor = 1, admin = 2 };

std::optional<Role> parse_role(std::string_view name);
std::string_view role_name(Role role);
inline bool allows(Role held, Role needed) { return static_cast<int>(held) >= static_cast<int>(needed); }

}  // namespace reinforge::access
