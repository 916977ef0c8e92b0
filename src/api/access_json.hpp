#pragma once
// The JSON shapes of docs/access.md: sessions, users, API tokens and audit entries.
#include <nlohmann/json.hpp>

#include "http/request.hpp"
#include "store/access_types.hpp"

namespace reinforge::api {

nlohmann::json session_json(const http::Principal& principal);
nlohmann::json user_json(const store::User& user);
nlohmann::json api_token_json(const store::ApiToken& token);
nlohmann::json audit_entry_json(const store::AuditEntry& entry);

}  // namespace reinforge::api
