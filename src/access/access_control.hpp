#pragma once
// Who sends each request and whether their role allows the route (docs/access.md): bearer
// tokens (the admin token, personal API tokens) and session cookies, the CSRF check for cookie
// sessions, and the audit entry written after every change. The server calls admit() before a
// handler and record() after it; the sign-in routes call sign_in() and sign_out().
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "access/sign_in_limiter.hpp"
#include "http/request.hpp"
#include "store/access_store.hpp"

namespace reinforge::access {

inline constexpr std::string_view kSessionCookie = "reinforge_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

struct SessionLimits {
  std::chrono::seconds idle{12 * 3600};
  std::chrono::seconds absolute{7 * 24 * 3600};
};

// Too many failed sign-ins for the name or the address: 429 with Retry-After.
struct SignInThrottled : http::HttpError {
  explicit SignInThrottled(std::chrono::seconds wait)
      : http::HttpError(429, "too_many_attempts",
                        "Too many failed sign-ins: try again in " + std::to_string(wait.count()) +
                            " s."),
        retry_after(wait) {}
  std::chrono::seconds retry_after;
};

struct SignedIn {
  http::Principal principal;
  std::string set_cookie;  // the Set-Cookie header's value
};

class AccessControl {
 public:
  AccessControl(store::AccessStore& store, std::string admin_token_sha256,
                SessionLimits sessions = {}, SignInLimits sign_ins = {});

  // The bearer token's or the session cookie's owner; nothing when neither is valid. A bearer
  // token that is not valid is not tried as a cookie.
  std::optional<http::Principal> identify(const http::Request& request);

  // Before a handler: 401 (nobody), 403 (role too low, or a cookie session's state change
  // without its CSRF token), or nothing, with request.principal set.
  std::optional<http::Response> admit(http::Request& request, const std::string& route_pattern);
  // After a handler: an audit entry for each change its route names.
  void record(const http::Request& request, const std::string& route_pattern,
              const http::Response& response);

  // Throws HttpError 401 invalid_credentials or 429 too_many_attempts (with the wait).
  SignedIn sign_in(const std::string& name, const std::string& password,
                   const http::Request& request);
  // The user's password, checked under the same rate limit as sign-ins (changing one's password
  // must not be a way around it); throws SignInThrottled.
  bool check_password(const store::User& user, const std::string& password, const http::Request& request);
  // Ends the request's session; the value is the Set-Cookie header that clears the cookie.
  std::string sign_out(const http::Request& request);

  // The playground calls the gateway from the UI: a cookie session of an editor or admin with
  // its CSRF token may, in place of a gateway key.
  bool session_may_call_gateway(const http::Request& request);

  store::AccessStore& store() { return store_; }

 private:
  std::optional<http::Principal> from_bearer(std::string_view token);
  // `touch`: extend the session's idle limit (a write, at most once a minute).
  std::optional<http::Principal> from_cookie(std::string_view secret, bool touch);
  std::string cookie(std::string_view value, int64_t max_age_seconds, bool secure) const;
  void audit(const http::Request& request, std::string_view action, int status,
             const std::string& target_json, const std::optional<http::Principal>& who);

  store::AccessStore& store_;
  std::string admin_token_sha256_;
  SessionLimits sessions_;
  SignInLimiter limiter_;
};

// A sign-in must be JSON from this server's own pages: a cross-site form can send neither the
// type (without a CORS preflight, which we never grant) nor our Origin. Stops login CSRF (an
// attacker's page signing the victim into the attacker's account).
bool same_origin_json_post(const http::Request& request);

// The cookie's value from a Cookie header, or nothing.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace reinforge::access
