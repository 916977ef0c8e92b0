#pragma once
// The HTTP types handlers see: plain C++, so product code never includes Boost.Beast.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::http {

// Who sends a request, as the server's access check found them (docs/access.md).
struct Principal {
  std::optional<int64_t> user_id;  // none: the admin token
  std::string name;
  std::string role;            // "viewer", "editor" or "admin"
  std::string via;             // "session", "token" or "admin_token"
  std::string session_sha256;  // sessions only: which one to end at sign-out
  std::string csrf_token;      // sessions only
  int64_t session_expires_at = 0;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // "/api/datasets/3", percent-decoded
  std::map<std::string, std::string> query;         // decoded query parameters
  // Lowercase names; looked up by string_view (no key built per lookup on the gateway's path).
  std::map<std::string, std::string, std::less<>> headers;
  std::map<std::string, std::string> path_params;   // ":id" -> "3"
  std::string body;
  std::optional<std::filesystem::path> body_file;   // for routes that stream uploads to disk
  std::string remote_address;
  // Came over HTTPS: this server's TLS, or a proxy in front that says so (X-Forwarded-Proto).
  bool secure_transport = false;
  std::optional<Principal> principal;  // set by the access check before the handler runs

  std::optional<std::string> header(std::string_view lowercase_name) const;
  std::optional<std::string> query_param(const std::string& name) const;
  // The path parameter as an id (from 1); throws HttpError(404) when it is not one.
  int64_t path_id(const std::string& name) const;
  // A position counted from 0 (a sample of a run): 404 unless a non-negative integer.
  int64_t path_index(const std::string& name) const;
};

// A streamed body: `produce` is called once on a worker thread and calls `write` for each
// chunk; `write` returns false when the client has gone away.
using BodyWriter = std::function<bool(std::string_view chunk)>;
using BodyProducer = std::function<void(const BodyWriter& write)>;

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  BodyProducer producer;  // when set, the body is streamed with chunked encoding

  static Response json(int status, std::string body);
  static Response no_content();
};

// Thrown by handlers; becomes {"error": {"code", "message"}} with the status.
struct HttpError : std::runtime_error {
  HttpError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status(status), code(std::move(code)) {}
  int status;
  std::string code;
};

HttpError bad_request(const std::string& message);
HttpError not_found(const std::string& message);
HttpError conflict(const std::string& message);
std::string error_body(std::string_view code, std::string_view message);

}  // namespace reinforge::http
