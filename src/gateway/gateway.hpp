#pragma once
// The gateway as the rest of Reinforge sees it: built from its config and the data
// directory, it installs the OpenAI-compatible endpoints (/v1/chat/completions,
// /v1/embeddings, /v1/models) on the server and GET /api/gateway/status on the router.
// Plain C++: Beast stays in the .cpp files.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "gateway/gateway_config.hpp"
#include "gateway/trace_writer.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "store/store_location.hpp"

namespace reinforge::gateway {

class Gateway {
 public:
  // `admin_token_sha256` is also accepted as a caller key.
  Gateway(GatewayConfig config, const store::StoreLocation& location, std::string admin_token_sha256);
  ~Gateway();  // writes the traces still queued
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  void install(http::ServerOptions& options, http::Router& router);
  // Calls without a key are also let through when `check` says the request comes from a
  // signed-in UI page allowed to (the playground); checked only after the key check failed.
  void accept_ui_sessions(std::function<bool(const http::Request&)> check);
  // Call once Server::run() has returned and before the server is destroyed: closes the
  // pooled upstream connections while the server's IO context (their owner) still exists.
  void close_upstream_connections();
  TraceWriterStats trace_stats() const;
  const GatewayConfig& config() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reinforge::gateway
