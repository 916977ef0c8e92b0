#include "access/cli_audit.hpp"

#include <unistd.h>

#include <cstdlib>

#include "util/clock.hpp"

namespace reinforge::access {

namespace {

std::string login_name() {
  if (const char* user = std::getenv("USER"); user && *user) return user;
  return "uid " + std::to_string(::getuid());
}

}  // namespace

void audit_cli_change(store::AccessStore& store, std::string_view action, std::string_view command,
                      const std::string& target_json) {
  store::AuditEntry entry;
  entry.at = util::now_unix_millis();
  entry.user_name = "cli:" + login_name();
  entry.via = "cli";
  entry.action = action;
  entry.method = "CLI";
  entry.path = command;
  entry.status = 0;
  entry.target_json = target_json;
  store.append_audit(entry);
}

}  // namespace reinforge::access
