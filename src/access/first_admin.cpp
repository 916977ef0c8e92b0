#include "access/first_admin.hpp"

#include "access/passwords.hpp"

namespace reinforge::access {

std::optional<std::string> ensure_first_admin(store::AccessStore& store,
                                              const std::optional<std::string>& admin_token) {
  if (store.count_users() > 0) return std::nullopt;
  // A token known only by its hash (its file deleted) cannot become a password: the admin then
  // signs in after `reinforge users reset-password admin`.
  std::string hash = admin_token ? hash_password(*admin_token) : std::string();
  try {
    store.create_user("admin", "admin", hash);
  } catch (const store::ConflictError&) {
    return std::nullopt;  // another process made it first
  }
  if (!admin_token) {
    return "Created the user 'admin' without a password: set one with `reinforge users "
           "reset-password admin`.";
  }
  return "Created the user 'admin': sign in to the UI with the admin token as its password, then "
         "change it.";
}

}  // namespace reinforge::access
