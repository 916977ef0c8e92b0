#include "cli/server_config.hpp"

#include <charconv>
#include <fstream>
#include <string_view>
#include <nlohmann/json.hpp>

#include "cli/store_option.hpp"
#include "util/byte_size.hpp"

#ifndef REINFORGE_DEFAULT_WEB_DIR
#define REINFORGE_DEFAULT_WEB_DIR ""
#endif

namespace reinforge::cli {

namespace {

uint16_t checked_port(long long port) {
  if (port < 0 || port > 65535) throw UsageError("the port must be between 0 and 65535");
  return static_cast<uint16_t>(port);
}

// A retention shorter than a day, or none at all written as 0, is a mistake that would delete
// every trace: refused rather than guessed at.
int64_t checked_retention_days(long long days, const std::string& where, const std::string& given) {
  if (days < 1) {
    throw UsageError(where + " must be a whole number of days, 1 or more (got " + given +
                     "); leave it out to keep traces forever");
  }
  return days;
}

int64_t checked_max_bytes(std::optional<int64_t> bytes, const std::string& where,
                          const std::string& given) {
  if (!bytes || *bytes < 1) {
    throw UsageError(
        where + " must be a size above zero like 500MB, 20GB, 1.5GiB or a number of bytes (got " +
        given + "); leave it out for no size limit");
  }
  return *bytes;
}

void apply_traces_section(ServerConfig& config, const nlohmann::json& traces,
                          const std::string& file) {
  if (!traces.is_object()) throw UsageError(file + ": \"traces\" must be an object");
  if (traces.contains("retention_days")) {
    const auto& days = traces["retention_days"];
    std::string where = "traces.retention_days in " + file;
    long long value = days.is_number_integer() ? days.get<long long>() : 0;
    config.trace_retention.days = checked_retention_days(value, where, days.dump());
  }
  if (traces.contains("max_bytes")) {
    const auto& size = traces["max_bytes"];
    std::string where = "traces.max_bytes in " + file;
    std::optional<int64_t> bytes;
    if (size.is_number_integer()) bytes = size.get<int64_t>();
    if (size.is_string()) bytes = util::parse_byte_size(size.get<std::string>());
    config.trace_retention.max_bytes = checked_max_bytes(bytes, where, size.dump());
  }
}

// A setting of the file as T, or an error that names it ("server.port in x.json must be an
// integer"), not the JSON library's type error.
template <class T>
T setting(const nlohmann::json& value, const std::string& name, const char* kind,
          const std::filesystem::path& file) {
  try {
    return value.get<T>();
  } catch (const nlohmann::json::exception&) {
    throw UsageError(name + " in " + file.string() + " must be " + kind + ", not " + value.dump());
  }
}

std::size_t checked_upload_mb(long long megabytes, const std::string& where) {
  if (megabytes < 1) throw UsageError(where + " must be 1 or more (megabytes an upload may have)");
  return static_cast<std::size_t>(megabytes);
}

void apply_config_file(ServerConfig& config, const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw UsageError("cannot read the config file " + file.string());
  auto json = nlohmann::json::parse(in, nullptr, false);
  if (!json.is_object()) throw UsageError(file.string() + " is not a JSON object");
  try {
    if (json.contains("server")) {
      const auto& server = json["server"];
      auto text = [&](const char* key) {
        return setting<std::string>(server[key], std::string("server.") + key, "text", file);
      };
      auto integer = [&](const char* key) {
        return setting<long long>(server[key], std::string("server.") + key, "an integer", file);
      };
      if (server.contains("host")) config.host = text("host");
      if (server.contains("port")) config.port = checked_port(integer("port"));
      if (server.contains("data_dir")) config.data_dir = text("data_dir");
      if (server.contains("store")) config.database = text("store");
      if (server.contains("trusted_proxies"))
        config.trusted_proxies = setting<std::vector<std::string>>(
            server["trusted_proxies"], "server.trusted_proxies", "a list of addresses", file);
      if (server.contains("web_dir")) config.web_dir = text("web_dir");
      if (server.contains("max_upload_mb"))
        config.max_upload_mb =
            checked_upload_mb(integer("max_upload_mb"), "server.max_upload_mb in " + file.string());
      if (server.contains("tls_cert")) config.tls_cert_file = text("tls_cert");
      if (server.contains("tls_key")) config.tls_key_file = text("tls_key");
    }
    if (json.contains("traces")) apply_traces_section(config, json["traces"], file.string());
    if (json.contains("jobs") && json["jobs"].contains("lease_seconds")) {
      auto seconds = setting<long long>(json["jobs"]["lease_seconds"], "jobs.lease_seconds", "an integer", file);
      // Renewed every third of it: much shorter and a slow database round trip loses it.
      if (seconds < 3) throw UsageError(file.string() + ": jobs.lease_seconds must be 3 or more");
      config.job_lease = std::chrono::seconds(seconds);
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
  config.database = database_option(arguments, config.database);
  if (auto proxies = arguments.option("trusted-proxies")) {
    config.trusted_proxies.clear();
    std::string_view rest = *proxies;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      auto address = rest.substr(0, comma);
      if (!address.empty()) config.trusted_proxies.emplace_back(address);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  if (auto dir = arguments.option("web-dir")) config.web_dir = *dir;
  if (auto size = arguments.integer_option("max-upload-mb"))
    config.max_upload_mb = checked_upload_mb(*size, "--max-upload-mb");
  if (auto days = arguments.option("trace-retention-days")) {
    long long value = 0;
    auto [end, error] = std::from_chars(days->data(), days->data() + days->size(), value);
    bool whole = error == std::errc() && end == days->data() + days->size();
    config.trace_retention.days =
        checked_retention_days(whole ? value : 0, "--trace-retention-days", "'" + *days + "'");
  }
  if (auto size = arguments.option("trace-max-bytes")) {
    config.trace_retention.max_bytes =
        checked_max_bytes(util::parse_byte_size(*size), "--trace-max-bytes", "'" + *size + "'");
  }
  if (auto file = arguments.option("tls-cert")) config.tls_cert_file = *file;
  if (auto file = arguments.option("tls-key")) config.tls_key_file = *file;
  if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
    throw UsageError(
        "HTTPS needs both a certificate and its key: give --tls-cert FILE and --tls-key FILE "
        "(or the config file's server.tls_cert and server.tls_key), or neither for plain HTTP");
  }
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
