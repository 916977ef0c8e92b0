#pragma once
// Settings of `reinforge serve`: defaults, then the --config JSON file, then flags.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/arguments.hpp"
#include "gateway/gateway_config.hpp"
#include "gateway/trace_retention.hpp"
#include "store/store_location.hpp"

namespace reinforge::cli {

struct ServerConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::filesystem::path data_dir = "data";
  // "" for SQLite in data_dir, or a PostgreSQL database (--store, REINFORGE_STORE, server.store).
  std::string database;
  // How long a job's lease holds without renewal before another instance takes the job over
  // ("jobs": {"lease_seconds": N} in the file).
  std::chrono::seconds job_lease{30};
  // Load balancers in front whose X-Forwarded-For names the client (--trusted-proxies A,B or
  // server.trusted_proxies), for the sign-in limits and the audit log.
  std::vector<std::string> trusted_proxies;
  std::filesystem::path web_dir;
  std::size_t max_upload_mb = 1024;
  // Both set: HTTPS with this PEM certificate (chain) and its private key; neither: plain HTTP.
  std::filesystem::path tls_cert_file;
  std::filesystem::path tls_key_file;
  gateway::TraceRetention trace_retention;  // "traces" in the file; every trace by default

  store::StoreLocation store_location() const { return {data_dir, database}; }
};

// Throws UsageError with the file and key when the config file is wrong.
ServerConfig load_server_config(const Arguments& arguments);

// The gateway's providers and models from --config (without it, the zero-config provider of
// OPENAI_API_KEY), as the server reads them; throws UsageError when the file is wrong.
gateway::GatewayConfig gateway_config_option(const Arguments& arguments);

}  // namespace reinforge::cli
