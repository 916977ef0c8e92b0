#include "cli/instance_name.hpp"

#include <unistd.h>

#include <climits>
#include <cstdio>
#include <fstream>

#include "util/secure_token.hpp"

namespace reinforge::cli {

std::string instance_name(const std::filesystem::path& data_dir) {
  auto file = data_dir / "instance-name";
  std::string name;
  if (std::ifstream in(file); in && std::getline(in, name) && !name.empty()) return name;
  char host[HOST_NAME_MAX + 1] = {};
  if (gethostname(host, sizeof host) != 0 || !host[0]) std::snprintf(host, sizeof host, "host");
  name = std::string(host) + "-" + util::generate_secret("").substr(0, 6);
  std::filesystem::create_directories(data_dir);
  std::ofstream(file) << name << "\n";
  return name;
}

}  // namespace reinforge::cli
