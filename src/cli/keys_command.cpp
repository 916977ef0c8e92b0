// reinforge keys create NAME | list | revoke ID — gateway keys, straight in the data
// directory's database (a running server sees the change within a second).
#include <iostream>

#include "access/cli_audit.hpp"
#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "gateway/gateway_keys.hpp"
#include "util/clock.hpp"

namespace reinforge::cli {

int run_keys_command(const std::vector<std::string>& args) {
  Arguments arguments(args);
  arguments.reject_unknown({"data-dir", "store"});
  const auto& words = arguments.positionals();
  if (words.empty()) throw UsageError("say what to do: create NAME, list or revoke ID");
  const std::string& action = words[0];
  // Only a create may make the store (before the server first started); a list or a revoke in
  // a mistyped --data-dir must not answer from a new, empty one.
  const auto location =
      action == "create" ? store_location(arguments) : existing_store_location(arguments);

  if (action == "create") {
    if (words.size() != 2) throw UsageError("keys create takes one NAME");
    auto store = store::open_trace_store(location);
    try {
      auto issued = gateway::issue_gateway_key(*store, words[1]);
      access::audit_cli_change(*store::open_access_store(location), "gateway_key.create",
                               "keys create", "{\"created\":" + std::to_string(issued.key.id) + "}");
      std::cout << "Created gateway key " << issued.key.id << " (" << issued.key.name << "):\n"
                << issued.secret << "\n"
                << "It is shown only now; only its hash is stored.\n";
    } catch (const std::invalid_argument& error) {
      throw UsageError(error.what());
    }
    return 0;
  }
  if (action == "list") {
    if (words.size() != 1) throw UsageError("keys list takes no other argument");
    auto store = store::open_trace_store(location);
    auto keys = store->list_gateway_keys();
    if (keys.empty()) std::cout << "No gateway keys yet; create one with `reinforge keys create NAME`.\n";
    for (const auto& key : keys) {
      std::cout << key.id << "\t" << key.prefix << "…\t" << key.name << "\tcreated "
                << util::format_rfc3339(key.created_at)
                << (key.revoked_at ? "\trevoked " + util::format_rfc3339(*key.revoked_at) : std::string("\tactive"))
                << "\n";
    }
    return 0;
  }
  if (action == "revoke") {
    if (words.size() != 2) throw UsageError("keys revoke takes one key ID");
    int64_t id = 0;
    try {
      id = std::stoll(words[1]);
    } catch (const std::exception&) {
      throw UsageError("'" + words[1] + "' is not a key id (see `reinforge keys list`)");
    }
    auto store = store::open_trace_store(location);
    if (!store->revoke_gateway_key(id)) {
      std::cerr << "reinforge keys: key " << id << " does not exist or is already revoked\n";
      return 1;
    }
    access::audit_cli_change(*store::open_access_store(location), "gateway_key.revoke",
                             "keys revoke", "{\"id\":\"" + std::to_string(id) + "\"}");
    std::cout << "Revoked gateway key " << id << ".\n";
    return 0;
  }
  throw UsageError("unknown action '" + action + "': use create NAME, list or revoke ID");
}

}  // namespace reinforge::cli
