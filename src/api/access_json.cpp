#include "api/access_json.hpp"

#include "util/clock.hpp"

namespace reinforge::api {

namespace {

nlohmann::json optional_time(const std::optional<int64_t>& unix_seconds) {
  return unix_seconds ? nlohmann::json(util::format_rfc3339(*unix_seconds)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json session_json(const http::Principal& principal) {
  nlohmann::json json{
      {"ok", true},
      {"version", "0.1.0"},
      {"user",
       {{"id", principal.user_id ? nlohmann::json(*principal.user_id) : nlohmann::json(nullptr)},
        {"name", principal.name},
        {"role", principal.role}}},
      {"via", principal.via}};
  if (principal.via == "session") {
    json["csrf_token"] = principal.csrf_token;
    json["expires_at"] = util::format_rfc3339(principal.session_expires_at);
  }
  return json;
}

nlohmann::json user_json(const store::User& user) {
  return {{"id", user.id},
          {"name", user.name},
          {"role", user.role},
          {"created_at", util::format_rfc3339(user.created_at)},
          {"last_sign_in_at", optional_time(user.last_sign_in_at)},
          {"sessions", user.sessions},
          {"tokens", user.tokens}};
}

nlohmann::json api_token_json(const store::ApiToken& token) {
  return {{"id", token.id},
          {"name", token.name},
          {"prefix", token.prefix},
          {"created_at", util::format_rfc3339(token.created_at)},
          {"last_used_at", optional_time(token.last_used_at)}};
}

nlohmann::json audit_entry_json(const store::AuditEntry& entry) {
  auto target = nlohmann::json::parse(entry.target_json, nullptr, false);
  return {{"id", entry.id},
          {"at", util::format_rfc3339(entry.at / 1000)},
          {"user_id", entry.user_id ? nlohmann::json(*entry.user_id) : nlohmann::json(nullptr)},
          {"user_name", entry.user_name},
          {"via", entry.via},
          {"action", entry.action},
          {"method", entry.method},
          {"path", entry.path},
          {"status", entry.status},
          {"target", target.is_discarded() ? nlohmann::json::object() : target},
          {"remote_address", entry.remote_address}};
}

}  // namespace reinforge::api
