#pragma once
// Who may call each route of the server's router: the one table of docs/access.md. The server
// looks a request's route up here before its handler runs (access_control.hpp); a route with no
// rule is refused, and a test walks every registered route with every role.
#include <optional>
#include <span>
#include <string_view>

#include "access/role.hpp"

namespace reinforge::access {

enum class RouteAccess {
  anyone,         // signing in
  trainer_token,  // the trainer protocol: the handler checks the run's token
  viewer,
  editor,
  admin,
};

struct RouteRule {
  std::string_view method;
  std::string_view pattern;  // as registered: "/api/datasets/:id"
  RouteAccess access;
  // What the audit log calls a change through this route ("dataset.create"); empty for reads.
  std::string_view action;
};

std::span<const RouteRule> route_rules();
const RouteRule* find_route_rule(std::string_view method, std::string_view pattern);
// The role a route needs; nothing for routes that take no signed-in user.
std::optional<Role> required_role(RouteAccess access);

}  // namespace reinforge::access
