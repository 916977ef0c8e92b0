#include "cli/server_config.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

#ifndef REINFORGE_DEFAULT_WEB_DIR
#define REINFORGE_DEFAULT_WEB_DIR ""
#endif

namespace reinforge::cli {

namespace {

uint16_t checked_port(long long port) {
  if (port < 0 || port > 65535) throw UsageError("the port must be between 0 and 65535");
  return static_cast<uint16_t>(port);
}

void apply_config_file(ServerConfig& config, const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw UsageError("cannot read the config file " + file.string());
  auto json = nlohmann::json::parse(in, nullptr, false);
  if (!json.is_object()) throw UsageError(file.string() + " is not a JSON object");
  try {
    if (json.contains("server")) {
      const auto& server = json["server"];
      config.host = server.value("host", config.host);
      if (server.contains("port")) config.port = checked_port(server["port"].get<long long>());
      if (server.contains("data_dir")) config.data_dir = server["data_dir"].get<std::string>();
      if (server.contains("web_dir")) config.web_dir = server["web_dir"].get<std::string>();
      config.max_upload_mb = server.value("max_upload_mb", config.max_upload_mb);
    }
  } catch (const nlohmann::json::exception& error) {
    throw UsageError(file.string() + ": " + error.what());
  }
}

}  // namespace

ServerConfig load_server_config(const Arguments& arguments) {
  ServerConfig config;
  config.web_dir = REINFORGE_DEFAULT_WEB_DIR;
  if (auto file = arguments.option("config")) apply_config_file(config, *file);
  if (auto host = arguments.option("host")) config.host = *host;
  if (auto port = arguments.integer_option("port")) config.port = checked_port(*port);
  if (auto dir = arguments.option("data-dir")) config.data_dir = *dir;
  if (auto dir = arguments.option("web-dir")) config.web_dir = *dir;
  if (auto size = arguments.integer_option("max-upload-mb")) config.max_upload_mb = static_cast<std::size_t>(*size);
  return config;
}

gateway::GatewayConfig gateway_config_option(const Arguments& arguments) {
  auto file = arguments.option("config");
  try {
    return gateway::load_gateway_config(
        file ? std::optional<std::filesystem::path>(*file) : std::nullopt,
        gateway::process_environment());
  } catch (const std::exception& error) {
    throw UsageError(std::string("the gateway config: ") + error.what());
  }
}

}  // namespace reinforge::cli
