// The audit log (docs/access.md): newest first with a keyset cursor, filtered by user and
// action, and exported as JSONL oldest first.
#include "access/access_control.hpp"
#include "api/access_json.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"

namespace reinforge::api {

namespace {

store::AuditFilter filter_of(const http::Request& request) {
  store::AuditFilter filter;
  if (auto user = request.query_param("user"); user && !user->empty()) filter.user_name = *user;
  if (auto action = request.query_param("action"); action && !action->empty()) filter.action = *action;
  return filter;
}

uint64_t fingerprint_of(const store::AuditFilter& filter) {
  return util::query_fingerprint({{"list", "audit"},
                                  {"user", filter.user_name.value_or("")},
                                  {"action", filter.action.value_or("")}});
}

}  // namespace

void register_audit_routes(http::Router& router, AppContext& context) {
  store::AccessStore& log = context.access->store();

  router.add("GET", "/api/audit", [&log](http::Request& request) {
    auto filter = filter_of(request);
    filter.limit = paging(request.query).second;
    auto fingerprint = fingerprint_of(filter);
    if (auto cursor = page_cursor(request.query, fingerprint, 1)) filter.before_id = cursor->after[0];
    auto entries = log.list_audit(filter);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& entry : entries) items.push_back(audit_entry_json(entry));
    nlohmann::json next_cursor = nullptr;
    if (static_cast<int64_t>(entries.size()) == filter.limit && !entries.empty()) {
      next_cursor = util::encode_page_cursor({fingerprint, {entries.back().id}});
    }
    // Entries made before paths were checked may hold bytes that are not UTF-8: replaced.
    return http::Response::json(200, nlohmann::json{{"items", items}, {"next_cursor", next_cursor}}
                                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  });

  router.add("GET", "/api/audit/actions", [&log](http::Request&) {
    return http::Response::json(200, nlohmann::json{{"items", log.audit_actions()}}.dump());
  });

  router.add("GET", "/api/audit/export", [&log](http::Request& request) {
    http::Response response;
    response.content_type = "application/x-ndjson";
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"reinforge-audit.jsonl\"");
    response.producer = [&log, filter = filter_of(request)](const http::BodyWriter& write) {
      std::string chunk;
      bool open = true;
      log.for_each_audit(filter, [&](const store::AuditEntry& entry) {
        chunk += audit_entry_json(entry).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        chunk += '\n';
        if (chunk.size() >= (1 << 16)) {
          open = write(chunk);
          chunk.clear();
        }
        return open;
      });
      if (open && !chunk.empty()) write(chunk);
    };
    return response;
  });
}

}  // namespace reinforge::api
