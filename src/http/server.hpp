#pragma once
// The HTTP server: Boost.Beast on Asio with C++20 coroutines. IO runs on a few threads;
// handlers (which may touch the store) run on a separate blocking pool so a slow query
// never stalls a connection. Serves the API routes, then the web UI's static files.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/router.hpp"

namespace reinforge::http {

class RawRoutes;  // http/raw_route.hpp: coroutine routes for the gateway
class TlsCredentials;  // http/tls_credentials.hpp

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (see Server::port())
  std::shared_ptr<const TlsCredentials> tls;  // set: HTTPS only, with this certificate
  unsigned io_threads = 2;
  unsigned handler_threads = 8;
  std::size_t max_body_bytes = 16u << 20;     // JSON bodies
  std::size_t max_upload_bytes = 1024u << 20; // body_to_file routes
  std::filesystem::path upload_dir;           // where uploads are streamed
  std::filesystem::path web_dir;              // built UI (index.html + assets); empty: none
  // Load balancers whose X-Forwarded-For names the client (client_address.hpp).
  std::vector<std::string> trusted_proxies;
  // Runs before every router handler with the route's pattern: an answer that refuses the
  // request (401, 403), or nothing to let the handler run (it may fill request.principal).
  std::function<std::optional<Response>(Request&, const std::string& route_pattern)> admit;
  // Runs after every handler that was let run, with its answer (the audit log).
  std::function<void(const Request&, const std::string& route_pattern, const Response&)> after;
  // Matched before the router; their handlers run on the IO threads (see raw_route.hpp).
  std::shared_ptr<const RawRoutes> raw_routes;
};

class Server {
 public:
  Server(ServerOptions options, Router router);
  ~Server();
  // Binds the port (throws with a clear message when it cannot).
  void listen();
  uint16_t port() const;
  // Runs until stop(); returns after in-flight requests have finished.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reinforge::http
