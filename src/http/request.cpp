#include "http/request.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

namespace reinforge::http {

std::optional<std::string> Request::header(std::string_view lowercase_name) const {
  auto it = headers.find(lowercase_name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::query_param(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

namespace {
// The path parameter as an integer of at least `minimum`, or 404 naming it.
int64_t path_integer(const std::map<std::string, std::string>& params, const std::string& name,
                     int64_t minimum) {
  auto it = params.find(name);
  int64_t value = 0;
  if (it != params.end()) {
    const auto& text = it->second;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size() && value >= minimum) return value;
  }
  throw not_found("No such " + name + ": '" + (it == params.end() ? "" : it->second) + "'.");
}
}  // namespace

int64_t Request::path_id(const std::string& name) const {
  return path_integer(path_params, name, 1);
}

int64_t Request::path_index(const std::string& name) const {
  return path_integer(path_params, name, 0);
}

Response Response::json(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response Response::no_content() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

HttpError bad_request(const std::string& message) { return HttpError(400, "bad_request", message); }
HttpError not_found(const std::string& message) { return HttpError(404, "not_found", message); }
HttpError conflict(const std::string& message) { return HttpError(409, "conflict", message); }

std::string error_body(std::string_view code, std::string_view message) {
  // Messages quote what the client sent (a path, an id), which may not be UTF-8: replaced, so
  // the error itself can always be written.
  return nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace reinforge::http
