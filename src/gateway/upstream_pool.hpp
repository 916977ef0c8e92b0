#pragma once
// Internal to gateway/ (includes Beast): connections to upstream providers, plain or TLS
// with certificate and host name verification, kept alive and reused per host. A connection
// belongs to the IO thread's io_context it was opened on (http/server.cpp runs one per
// thread), so idle connections are kept per context and only handed to calls on that thread.
#include <utility>  // before Asio's awaitable.hpp under g++ 12

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/gateway_config.hpp"
#include "http/plain_or_tls_stream.hpp"

namespace reinforge::gateway {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

// A connection to one provider: plain or TLS (`tcp()`, `with_stream`), and what was read past
// the last response.
struct UpstreamConnection : http::PlainOrTlsStream {
  static constexpr std::size_t kStreamChunkBytes = 16384;
  beast::flat_buffer buffer;
  bool reused = false;  // came from the pool: the peer may have closed it meanwhile
  std::chrono::steady_clock::time_point idle_since{};  // when it went back to the pool
  // Where a streamed answer's events are parsed to, made on the connection's first stream and
  // kept with it (not zero-filled): one call at a time uses a connection.
  std::unique_ptr<char[]> stream_chunk;
};

class UpstreamPool {
 public:
  explicit UpstreamPool(std::size_t max_idle_per_host);

  // An idle pooled connection to `url`'s host (unless `fresh_only`), or a new one (resolved,
  // connected and, for https, handshaken) within `connect_timeout`. Throws
  // boost::system::system_error.
  net::awaitable<std::unique_ptr<UpstreamConnection>> acquire(
      const UpstreamUrl& url, std::chrono::milliseconds connect_timeout, bool fresh_only = false);
  // Keeps a connection whose last response was read completely, for the next call.
  void release(const UpstreamUrl& url, std::unique_ptr<UpstreamConnection> connection);
  // Closes every idle connection; their sockets must go before the IO context they belong to.
  void clear();

 private:
  using IdleByHost =
      std::unordered_map<std::string, std::vector<std::unique_ptr<UpstreamConnection>>>;
  std::unique_ptr<UpstreamConnection> take_idle(const net::execution_context& context, const std::string& key);

  std::size_t max_idle_per_host_;
  net::ssl::context tls_context_;
  std::mutex mutex_;
  std::unordered_map<const net::execution_context*, IdleByHost> idle_;
};

}  // namespace reinforge::gateway
