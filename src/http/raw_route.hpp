#pragma once
// Internal to http/ and gateway/: routes whose handler is a coroutine on the IO threads that
// owns the connection for one exchange, so it can stream a response as it is produced
// (the gateway's proxy) without holding a blocking-pool thread. This header includes Beast
// on purpose; product code outside these two folders uses router.hpp.
#include <utility>  // before Asio's awaitable.hpp under g++ 12

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>
#include <vector>

#include "http/plain_or_tls_stream.hpp"
#include "http/request.hpp"

namespace reinforge::http {

// What a raw handler gets: the connection (plain or TLS), and the request with its body already
// read (within the server's max_body_bytes). What it writes carries http/security_headers.hpp.
struct RawExchange {
  PlainOrTlsStream& stream;
  Request& request;
  unsigned version = 11;
  bool keep_alive = true;
};

// Writes the whole response itself; returns whether the connection may serve another request.
// Exceptions end the connection.
using RawHandler = std::function<boost::asio::awaitable<bool>(RawExchange&)>;

// Exact-path routes, and prefix routes (GET /v1/responses/<id>), matched before the Router's.
// Not under /api/: the server applies no admin check, the handler authenticates.
class RawRoutes {
 public:
  void add(std::string method, std::string path, RawHandler handler) {
    routes_.push_back({std::move(method), std::move(path), std::move(handler), false});
  }
  // Every path that starts with `prefix` and goes on past it.
  void add_prefix(std::string method, std::string prefix, RawHandler handler) {
    routes_.push_back({std::move(method), std::move(prefix), std::move(handler), true});
  }
  const RawHandler* find(const std::string& method, const std::string& path) const {
    for (const auto& route : routes_) {
      if (route.method != method) continue;
      if (route.prefix ? path.size() > route.path.size() && path.compare(0, route.path.size(), route.path) == 0
                       : route.path == path)
        return &route.handler;
    }
    return nullptr;
  }

 private:
  struct Route {
    std::string method;
    std::string path;
    RawHandler handler;
    bool prefix = false;
  };
  std::vector<Route> routes_;
};

}  // namespace reinforge::http
