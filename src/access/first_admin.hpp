#pragma once
// The first start of a store makes the user "admin" whose password is the admin token, so the
// README's first command still ends with a working sign-in (docs/access.md, "The first admin").
#include <optional>
#include <string>

#include "store/access_store.hpp"

namespace reinforge::access {

// Does nothing when the store has users. Returns what to tell the operator, when anything.
std::optional<std::string> ensure_first_admin(store::AccessStore& store,
                                              const std::optional<std::string>& admin_token);

}  // namespace reinforge::access
