#pragma once
// The admin token: a bearer token with the admin role for scripts, and the first admin's first
// password (docs/access.md). Only its SHA-256 is in the store. A generated token is also written
// to <data-dir>/admin-token (mode 0600) so the operator can find it again; REINFORGE_ADMIN_TOKEN
// overrides both.
#include <filesystem>
#include <optional>
#include <string>

#include "store/store.hpp"

namespace reinforge::api {

struct AdminToken {
  std::string sha256;
  std::optional<std::string> display;  // the token itself when known (env, file, new)
  bool generated_now = false;
  std::filesystem::path file;
};

AdminToken establish_admin_token(store::Store& store, const std::filesystem::path& data_dir);

}  // namespace reinforge::api
