// Signing in and out, who is signed in, one's own password and personal API tokens
// (docs/access.md). Who may call each route is in access/route_rules.cpp.
#include "access/access_control.hpp"
#include "access/passwords.hpp"
#include "api/access_json.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "util/clock.hpp"
#include "util/secure_token.hpp"

namespace reinforge::api {

namespace {

std::string required_string(const nlohmann::json& body, const char* field) {
  if (!body.contains(field) || !body[field].is_string()) {
    throw http::bad_request(std::string("'") + field + "' is required and must be a string.");
  }
  return body[field].get<std::string>();
}

const http::Principal& signed_in(const http::Request& request) {
  if (!request.principal) throw http::HttpError(401, "unauthorized", "Sign in first.");
  return *request.principal;
}

int64_t own_user_id(const http::Request& request) {
  const auto& principal = signed_in(request);
  if (!principal.user_id) {
    throw http::bad_request("The admin token is not a user: sign in as one to do this.");
  }
  return *principal.user_id;
}

}  // namespace

void register_session_routes(http::Router& router, AppContext& context) {
  access::AccessControl& access = *context.access;

  router.add("POST", "/api/auth/sign-in", [&access](http::Request& request) {
    if (!access::same_origin_json_post(request)) {
      throw http::HttpError(403, "cross_origin",
                            "Sign in from this server's own page (a JSON request from its origin).");
    }
    auto body = parse_json_body(request.body);
    auto name = required_string(body, "name");
    auto password = required_string(body, "password");
    try {
      auto session = access.sign_in(name, password, request);
      auto response = http::Response::json(200, session_json(session.principal).dump());
      response.headers.emplace_back("Set-Cookie", session.set_cookie);
      response.headers.emplace_back("Cache-Control", "no-store");
      return response;
    } catch (const access::SignInThrottled& throttled) {
      auto response = http::Response::json(429, http::error_body(throttled.code, throttled.what()));
      response.headers.emplace_back("Retry-After", std::to_string(throttled.retry_after.count()));
      return response;
    }
  });

  router.add("POST", "/api/auth/sign-out", [&access](http::Request& request) {
    auto response = http::Response::no_content();
    response.headers.emplace_back("Set-Cookie", access.sign_out(request));
    return response;
  });

  router.add("GET", "/api/session", [](http::Request& request) {
    auto response = http::Response::json(200, session_json(signed_in(request)).dump());
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  });

  router.add("PUT", "/api/session/password", [&access](http::Request& request) {
    int64_t user_id = own_user_id(request);
    auto body = parse_json_body(request.body);
    auto current = required_string(body, "current_password");
    auto fresh = required_string(body, "new_password");
    auto user = access.store().find_user(user_id);
    if (!user) throw http::HttpError(401, "unauthorized", "Sign in first.");
    if (!access.check_password(*user, current, request)) {
      throw http::HttpError(403, "wrong_password", "The current password is not right.");
    }
    if (auto problem = access::password_problem(fresh)) throw http::bad_request(*problem);
    // Their API tokens stay: changing one's password is routine, not a sign of theft.
    access.store().set_password(user_id, access::hash_password(fresh),
                                request.principal->session_sha256, false);
    return http::Response::no_content();
  });

  router.add("GET", "/api/tokens", [&access](http::Request& request) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& token : access.store().list_tokens(own_user_id(request))) {
      items.push_back(api_token_json(token));
    }
    return http::Response::json(200, nlohmann::json{{"items", items}}.dump());
  });

  router.add("POST", "/api/tokens", [&access](http::Request& request) {
    int64_t user_id = own_user_id(request);
    auto body = parse_json_body(request.body);
    auto name = required_string(body, "name");
    if (name.empty() || name.size() > 200) throw http::bad_request("A token's name has 1 to 200 characters.");
    std::string secret = util::generate_secret("rf_pat_");
    store::ApiToken token;
    token.user_id = user_id;
    token.name = name;
    token.prefix = secret.substr(0, 14);
    token.token_sha256 = util::sha256_hex(secret);
    token.created_at = util::now_unix_seconds();
    auto json = api_token_json(access.store().create_token(token));
    json["token"] = secret;
    auto response = http::Response::json(201, json.dump());
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  });

  router.add("DELETE", "/api/tokens/:id", [&access](http::Request& request) {
    if (!access.store().delete_token(request.path_id("id"), own_user_id(request))) {
      throw http::not_found("You have no API token " + request.path_params["id"] + ".");
    }
    return http::Response::no_content();
  });
}

}  // namespace reinforge::api
