#include "access/role.hpp"

namespace reinforge::access {

std::optional<Role> parse_role(std::string_view name) {
  if (name == "viewer") return Role::viewer;
  if (name == "editor") return Role::editor;
  if (name == "admin") return Role::admin;
  return std::nullopt;
}

std::string_view role_name(Role role) {
  switch (role) {
    case Role::viewer: return "viewer";
    case Role::editor: return "editor";
    case Role::admin: return "admin";
  }
  return "viewer";
}

}  // namespace reinforge::access
