#include "api/admin_token.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "util/secure_token.hpp"

namespace reinforge::api {

namespace {

constexpr const char* kSettingKey = "admin_token_sha256";

std::optional<std::string> read_token_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string token;
  if (!(in >> token)) return std::nullopt;
  return token;
}

void write_token_file(const std::filesystem::path& file, const std::string& token) {
  {
    std::ofstream out(file, std::ios::trunc);
    out << token << "\n";
  }
  ::chmod(file.c_str(), S_IRUSR | S_IWUSR);
}

}  // namespace

AdminToken establish_admin_token(store::Store& store, const std::filesystem::path& data_dir) {
  AdminToken token;
  token.file = data_dir / "admin-token";
  if (const char* from_env = std::getenv("REINFORGE_ADMIN_TOKEN"); from_env && *from_env) {
    token.sha256 = util::sha256_hex(from_env);
    token.display = from_env;
    store.put_setting(kSettingKey, token.sha256);
    return token;
  }
  if (auto stored = store.get_setting(kSettingKey)) {
    token.sha256 = *stored;
    auto from_file = read_token_file(token.file);
    if (from_file && util::sha256_hex(*from_file) == *stored) token.display = from_file;
    return token;
  }
  auto fresh = util::generate_secret("rf_admin_");
  token.sha256 = util::sha256_hex(fresh);
  token.display = fresh;
  token.generated_now = true;
  store.put_setting(kSettingKey, token.sha256);
  write_token_file(token.file, fresh);
  return token;
}

}  // namespace reinforge::api
