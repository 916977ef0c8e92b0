#include "access/access_control.hpp"

#include <nlohmann/json.hpp>

#include "access/passwords.hpp"
#include "access/route_rules.hpp"
#include "util/clock.hpp"
#include "util/secure_token.hpp"

namespace reinforge::access {

namespace {

// Last-use times are written at most this often: a page load's dozen calls cost one write.
constexpr int64_t kTouchEverySeconds = 60;

bool changes_state(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

http::Response refusal(int status, std::string_view code, std::string_view message) {
  return http::Response::json(status, http::error_body(code, message));
}

http::Principal principal_of(const store::User& user, std::string via) {
  http::Principal principal;
  principal.user_id = user.id;
  principal.name = user.name;
  principal.role = user.role;
  principal.via = std::move(via);
  return principal;
}

// Request fields worth keeping with an entry: what a change was to (a role given, a name, a
// deployment's mode). Never a password, a key or a record's text.
constexpr const char* kTargetFields[] = {"role", "name", "mode"};

// The route's parameters, the telling fields of the body, and the id of what a create made
// (from its answer), as the entry's target: enough to find what the change was about.
std::string target_of(const http::Request& request, const http::Response& response) {
  nlohmann::json target = nlohmann::json::object();
  for (const auto& [name, value] : request.path_params) target[name] = value;
  if (!request.body.empty() && request.body.size() < (64 << 10)) {
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_object()) {
      for (const char* field : kTargetFields) {
        if (body.contains(field) && body[field].is_string()) target[field] = body[field];
      }
      if (body.contains("password")) target["password_changed"] = true;
    }
  }
  if (response.status == 201 && response.body.size() < (64 << 10)) {
    auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (body.is_object() && body.contains("id") && !body["id"].is_null()) {
      target["created"] = body["id"];
    } else if (body.is_object() && body.contains("run") && body["run"].is_object() &&
               body["run"].contains("id")) {
      target["created"] = body["run"]["id"];  // a training run, with its trainer's token beside it
    }
  }
  // Paths and bodies may hold bytes that are not UTF-8: replaced, so the entry is always valid.
  return target.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

bool same_origin_json_post(const http::Request& request) {
  auto type = request.header("content-type").value_or("");
  if (type.rfind("application/json", 0) != 0) return false;
  auto origin = request.header("origin");
  if (!origin) return true;  // not a browser's cross-site request: those always send Origin
  // Behind a proxy that rewrites Host, the browser's host is in X-Forwarded-Host.
  for (const char* header : {"host", "x-forwarded-host"}) {
    auto host = request.header(header);
    if (host && (*origin == "http://" + *host || *origin == "https://" + *host)) return true;
  }
  return false;
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto end = header.find(';');
    auto pair = header.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return std::nullopt;
}

AccessControl::AccessControl(store::AccessStore& store, std::string admin_token_sha256,
                             SessionLimits sessions, SignInLimits sign_ins)
    : store_(store),
      admin_token_sha256_(std::move(admin_token_sha256)),
      sessions_(sessions),
      limiter_(store, sign_ins) {}

std::optional<http::Principal> AccessControl::from_bearer(std::string_view token) {
  auto sha256 = util::sha256_hex(token);
  if (util::constant_time_equals(sha256, admin_token_sha256_)) {
    http::Principal admin;
    admin.name = "admin token";
    admin.role = "admin";
    admin.via = "admin_token";
    return admin;
  }
  // The lookup is by hash, so its time says nothing about how close a guess was.
  auto found = store_.find_token(sha256);
  if (!found) return std::nullopt;
  auto user = store_.find_user(found->user_id);
  if (!user) return std::nullopt;
  int64_t now = util::now_unix_seconds();
  if (!found->last_used_at || now - *found->last_used_at >= kTouchEverySeconds) {
    store_.touch_token(found->id, now);
  }
  return principal_of(*user, "token");
}

std::optional<http::Principal> AccessControl::from_cookie(std::string_view secret, bool touch) {
  auto sha256 = util::sha256_hex(secret);
  auto session = store_.find_session(sha256);
  if (!session) return std::nullopt;
  int64_t now = util::now_unix_seconds();
  if (session->expires_at <= now) {
    store_.delete_session(sha256);
    return std::nullopt;
  }
  // The role is read on every request, so a change takes effect on the user's next one.
  auto user = store_.find_user(session->user_id);
  if (!user) return std::nullopt;
  int64_t expires_at = std::min(session->created_at + sessions_.absolute.count(),
                                now + sessions_.idle.count());
  if (touch && now - session->last_seen_at >= kTouchEverySeconds) {
    store_.touch_session(sha256, now, expires_at);
  } else {
    expires_at = session->expires_at;
  }
  auto principal = principal_of(*user, "session");
  principal.session_sha256 = sha256;
  principal.csrf_token = session->csrf_token;
  principal.session_expires_at = expires_at;
  return principal;
}

std::optional<http::Principal> AccessControl::identify(const http::Request& request) {
  if (auto authorization = request.header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization->size() <= kBearer.size() || authorization->compare(0, kBearer.size(), kBearer) != 0) {
      return std::nullopt;
    }
    return from_bearer(std::string_view(*authorization).substr(kBearer.size()));
  }
  if (auto cookies = request.header("cookie")) {
    if (auto secret = cookie_value(*cookies, kSessionCookie); secret && !secret->empty()) {
      return from_cookie(*secret, true);
    }
  }
  return std::nullopt;
}

std::optional<http::Response> AccessControl::admit(http::Request& request,
                                                   const std::string& route_pattern) {
  const RouteRule* rule = find_route_rule(request.method, route_pattern);
  if (!rule) {
    return refusal(403, "forbidden",
                   "No access rule covers " + request.method + " " + route_pattern +
                       " (a bug in this server: please report it).");
  }
  auto needed = required_role(rule->access);
  if (!needed) return std::nullopt;
  auto who = identify(request);
  if (!who) {
    return refusal(401, "unauthorized",
                   "Sign in, or send 'Authorization: Bearer <token>' with a personal API token "
                   "or the admin token.");
  }
  if (who->via == "session" && changes_state(request.method)) {
    auto sent = request.header(std::string(kCsrfHeader));
    if (!sent || !util::constant_time_equals(*sent, who->csrf_token)) {
      return refusal(403, "csrf_failed",
                     "This change needs the session's X-CSRF-Token header. Reload the page; if "
                     "that does not help, sign in again.");
    }
  }
  Role role = parse_role(who->role).value_or(Role::viewer);
  if (!allows(role, *needed)) {
    return refusal(403, "forbidden",
                   "Your role (" + who->role + ") cannot do this: it needs " +
                       std::string(role_name(*needed)) + ".");
  }
  request.principal = std::move(who);
  return std::nullopt;
}

void AccessControl::audit(const http::Request& request, std::string_view action, int status,
                          const std::string& target_json, const std::optional<http::Principal>& who) {
  store::AuditEntry entry;
  entry.at = util::now_unix_millis();
  if (who) {
    entry.user_id = who->user_id;
    entry.user_name = who->name;
    entry.via = who->via;
  }
  entry.action = action;
  entry.method = request.method;
  entry.path = request.path.substr(0, 1000);
  entry.status = status;
  entry.target_json = target_json;
  entry.remote_address = request.remote_address;
  store_.append_audit(entry);
}

void AccessControl::record(const http::Request& request, const std::string& route_pattern,
                           const http::Response& response) {
  const RouteRule* rule = find_route_rule(request.method, route_pattern);
  // Sign-ins audit themselves (the attempted name is not a principal).
  if (!rule || rule->action.empty() || rule->access == RouteAccess::anyone) return;
  if (!changes_state(request.method) || !request.principal) return;
  audit(request, rule->action, response.status, target_of(request, response), request.principal);
}

SignedIn AccessControl::sign_in(const std::string& name, const std::string& password,
                                const http::Request& request) {
  bool possible_name = !user_name_problem(name);
  auto attempt = limiter_.begin_attempt(possible_name ? name : "", request.remote_address);
  if (attempt.wait) throw SignInThrottled(*attempt.wait);
  auto user = possible_name ? store_.find_user_by_name(name) : std::nullopt;
  // An unknown name is checked against a decoy hash: the same answer in the same time.
  bool right = verify_password(password, user ? user->password_hash : std::string());
  if (!right || !user) {
    // What was typed as a name is not kept: it may be a password typed in the wrong field.
    http::Principal attempted;
    attempted.user_id = user ? std::optional(user->id) : std::nullopt;
    attempted.name = user ? user->name : "(unknown name)";
    attempted.via = "password";
    audit(request, "auth.sign_in", 401, "{}", attempted);
    throw http::HttpError(401, "invalid_credentials", "Wrong name or password.");
  }
  limiter_.record_success(attempt);

  std::string secret = util::generate_secret("");
  int64_t now = util::now_unix_seconds();
  store_.delete_expired_sessions(now);  // sign-ins are rare enough to sweep the table each time
  store::UserSession session;
  session.secret_sha256 = util::sha256_hex(secret);
  session.user_id = user->id;
  session.csrf_token = util::generate_secret("");
  session.created_at = now;
  session.last_seen_at = now;
  session.expires_at = now + std::min(sessions_.idle, sessions_.absolute).count();
  session.remote_address = request.remote_address;
  store_.create_session(session);

  SignedIn signed_in;
  signed_in.principal = principal_of(*user, "session");
  signed_in.principal.session_sha256 = session.secret_sha256;
  signed_in.principal.csrf_token = session.csrf_token;
  signed_in.principal.session_expires_at = session.expires_at;
  signed_in.set_cookie = cookie(secret, sessions_.absolute.count(), request.secure_transport);
  audit(request, "auth.sign_in", 200, "{}", signed_in.principal);
  return signed_in;
}

bool AccessControl::check_password(const store::User& user, const std::string& password,
                                   const http::Request& request) {
  auto attempt = limiter_.begin_attempt(user.name, request.remote_address);
  if (attempt.wait) throw SignInThrottled(*attempt.wait);
  if (!verify_password(password, user.password_hash)) return false;
  limiter_.record_success(attempt);
  return true;
}

std::string AccessControl::sign_out(const http::Request& request) {
  if (request.principal && !request.principal->session_sha256.empty()) {
    store_.delete_session(request.principal->session_sha256);
  }
  return cookie("", 0, request.secure_transport);
}

bool AccessControl::session_may_call_gateway(const http::Request& request) {
  if (request.header("authorization")) return false;
  auto cookies = request.header("cookie");
  if (!cookies) return false;
  auto secret = cookie_value(*cookies, kSessionCookie);
  if (!secret || secret->empty()) return false;
  // Read only: this runs on a gateway IO thread, which must not wait on a write.
  auto who = from_cookie(*secret, false);
  if (!who) return false;
  auto sent = request.header(std::string(kCsrfHeader));
  if (!sent || !util::constant_time_equals(*sent, who->csrf_token)) return false;
  return allows(parse_role(who->role).value_or(Role::viewer), Role::editor);
}

std::string AccessControl::cookie(std::string_view value, int64_t max_age_seconds, bool secure) const {
  std::string text = std::string(kSessionCookie) + "=" + std::string(value) +
                     "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
  if (secure) text += "; Secure";
  return text;
}

}  // namespace reinforge::access
