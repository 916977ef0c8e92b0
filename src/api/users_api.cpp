// Users (admin only, by access/route_rules.cpp): add, list, change role or password, sign out
// everywhere, remove. The store refuses to leave no admin (409 last_admin).
#include "access/access_control.hpp"
#include "access/passwords.hpp"
#include "access/role.hpp"
#include "api/access_json.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "util/clock.hpp"

namespace reinforge::api {

namespace {

std::string checked_role(const nlohmann::json& value) {
  if (!value.is_string() || !access::parse_role(value.get<std::string>())) {
    throw http::bad_request("'role' must be one of viewer, editor, admin.");
  }
  return value.get<std::string>();
}

std::string checked_password_hash(const nlohmann::json& value) {
  if (!value.is_string()) throw http::bad_request("'password' must be a string.");
  if (auto problem = access::password_problem(value.get<std::string>())) throw http::bad_request(*problem);
  return access::hash_password(value.get<std::string>());
}

template <class Change>
auto refusing_last_admin(Change change) {
  try {
    return change();
  } catch (const store::LastAdminError& error) {
    throw http::HttpError(409, "last_admin", error.what());
  }
}

store::User require_user(store::AccessStore& users, int64_t id) {
  auto user = users.find_user(id);
  if (!user) throw http::not_found("User " + std::to_string(id) + " does not exist.");
  return *user;
}

}  // namespace

void register_user_routes(http::Router& router, AppContext& context) {
  store::AccessStore& users = context.access->store();

  router.add("GET", "/api/users", [&users](http::Request&) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& user : users.list_users(util::now_unix_seconds())) items.push_back(user_json(user));
    return http::Response::json(200, nlohmann::json{{"items", items}}.dump());
  });

  router.add("POST", "/api/users", [&users](http::Request& request) {
    auto body = parse_json_body(request.body);
    if (!body.contains("name") || !body["name"].is_string()) throw http::bad_request("'name' is required and must be a string.");
    auto name = body["name"].get<std::string>();
    if (auto problem = access::user_name_problem(name)) throw http::bad_request(*problem);
    auto role = checked_role(body.value("role", nlohmann::json()));
    auto hash = checked_password_hash(body.value("password", nlohmann::json()));
    try {
      return http::Response::json(201, user_json(users.create_user(name, role, hash)).dump());
    } catch (const store::ConflictError& error) {
      throw http::conflict(error.what());
    }
  });

  router.add("PATCH", "/api/users/:id", [&users](http::Request& request) {
    int64_t id = request.path_id("id");
    require_user(users, id);
    auto body = parse_json_body(request.body);
    // Both checked before either is applied: a refused password must not leave a new role.
    std::optional<std::string> role, password_hash;
    if (body.contains("role")) role = checked_role(body["role"]);
    if (body.contains("password")) password_hash = checked_password_hash(body["password"]);
    if (role) refusing_last_admin([&] { return users.set_role(id, *role); });
    if (password_hash) users.set_password(id, *password_hash, "", true);
    return http::Response::json(200, user_json(require_user(users, id)).dump());
  });

  router.add("DELETE", "/api/users/:id", [&users](http::Request& request) {
    int64_t id = request.path_id("id");
    require_user(users, id);
    refusing_last_admin([&] { return users.remove_user(id); });
    return http::Response::no_content();
  });

  router.add("POST", "/api/users/:id/sign-out", [&users](http::Request& request) {
    int64_t id = request.path_id("id");
    require_user(users, id);
    users.sign_out_everywhere(id);
    return http::Response::no_content();
  });
}

}  // namespace reinforge::api
