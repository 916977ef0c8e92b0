// reinforge users add NAME --role ROLE | list | set-role NAME ROLE | reset-password NAME |
// remove NAME — the team's users, straight in the data directory's database (a running server
// sees each change on the user's next request). docs/access.md.
#include <iostream>

#include "access/cli_audit.hpp"
#include "access/passwords.hpp"
#include "access/role.hpp"
#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "store/access_store.hpp"
#include "util/clock.hpp"
#include "util/secure_token.hpp"

namespace reinforge::cli {

namespace {

// From stdin (one line) with --password-stdin; otherwise a generated one, printed once.
std::string new_password(const Arguments& arguments, bool& generated) {
  generated = !arguments.flag("password-stdin");
  if (generated) return util::generate_secret("").substr(0, 24);
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (auto problem = access::password_problem(password)) throw UsageError(*problem);
  return password;
}

std::string checked_role(const std::string& role) {
  if (!access::parse_role(role)) throw UsageError("'" + role + "' is not a role: use viewer, editor or admin");
  return role;
}

store::User require_user(store::AccessStore& users, const std::string& name) {
  auto user = users.find_user_by_name(name);
  if (!user) throw UsageError("there is no user '" + name + "' (see `reinforge users list`)");
  return *user;
}

std::string target(const store::User& user) {
  return "{\"user\":\"" + std::to_string(user.id) + "\"}";
}

void say_password(const std::string& name, const std::string& password, bool generated) {
  if (!generated) return;
  std::cout << "Password for " << name << ": " << password << "\n"
            << "It is shown only now; only its hash is stored.\n";
}

}  // namespace

int run_users_command(const std::vector<std::string>& args) {
  Arguments arguments(args, {"password-stdin"});
  arguments.reject_unknown({"data-dir", "store", "role", "password-stdin"});
  const auto& words = arguments.positionals();
  if (words.empty()) throw UsageError("say what to do: add, list, set-role, reset-password or remove");
  const std::string& action = words[0];
  // Only an add may make the store; the other actions in a mistyped --data-dir must not answer
  // from a new, empty one.
  auto users = store::open_access_store(action == "add" ? store_location(arguments)
                                                        : existing_store_location(arguments));
  auto expect_words = [&](std::size_t count, const char* usage) {
    if (words.size() != count) throw UsageError(std::string("users ") + usage);
  };

  try {
    if (action == "add") {
      expect_words(2, "add takes one NAME (and --role ROLE)");
      if (auto problem = access::user_name_problem(words[1])) throw UsageError(*problem);
      auto role = checked_role(arguments.option_or("role", "viewer"));
      bool generated = false;
      auto password = new_password(arguments, generated);
      auto user = users->create_user(words[1], role, access::hash_password(password));
      access::audit_cli_change(*users, "user.create", "users add", target(user));
      std::cout << "Added " << user.name << " (" << user.role << ").\n";
      say_password(user.name, password, generated);
      return 0;
    }
    if (action == "list") {
      expect_words(1, "list takes no other argument");
      for (const auto& user : users->list_users(util::now_unix_seconds())) {
        std::cout << user.id << "\t" << user.name << "\t" << user.role << "\t"
                  << (user.last_sign_in_at ? "last sign-in " + util::format_rfc3339(*user.last_sign_in_at)
                                           : std::string("never signed in"))
                  << "\t" << user.sessions << " session(s)\n";
      }
      return 0;
    }
    if (action == "set-role") {
      expect_words(3, "set-role takes NAME ROLE");
      auto user = require_user(*users, words[1]);
      users->set_role(user.id, checked_role(words[2]));
      access::audit_cli_change(*users, "user.update", "users set-role", target(user));
      std::cout << user.name << " is now " << words[2] << ".\n";
      return 0;
    }
    if (action == "reset-password") {
      expect_words(2, "reset-password takes one NAME");
      auto user = require_user(*users, words[1]);
      bool generated = false;
      auto password = new_password(arguments, generated);
      users->set_password(user.id, access::hash_password(password), "", true);
      access::audit_cli_change(*users, "user.update", "users reset-password", target(user));
      std::cout << "Set a new password for " << user.name
                << ", ended their sessions and revoked their API tokens.\n";
      say_password(user.name, password, generated);
      return 0;
    }
    if (action == "remove") {
      expect_words(2, "remove takes one NAME");
      auto user = require_user(*users, words[1]);
      users->remove_user(user.id);
      access::audit_cli_change(*users, "user.remove", "users remove", target(user));
      std::cout << "Removed " << user.name << ".\n";
      return 0;
    }
  } catch (const store::ConflictError& error) {
    std::cerr << "reinforge users: " << error.what() << "\n";
    return 1;
  }
  throw UsageError("unknown action '" + action + "': use add, list, set-role, reset-password or remove");
}

}  // namespace reinforge::cli
