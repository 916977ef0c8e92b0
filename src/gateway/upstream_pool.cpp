#include "gateway/upstream_pool.hpp"

#include <sys/socket.h>

#include <boost/asio/ssl/host_name_verification.hpp>

namespace reinforge::gateway {

namespace {

// A connection idle this briefly is taken without the check below: servers close idle
// keep-alive connections after seconds (Node and Uvicorn 5 s, gunicorn 2 s, nginx 75 s), and the
// check is a syscall on every call of a busy gateway. One closed all the same fails on its
// first write or read, and the call then goes again on a fresh connection (proxy_handler.cpp).
constexpr auto kTrustedIdle = std::chrono::milliseconds(500);

// A pooled connection is only worth reusing if the peer has not closed it: a non-blocking
// peek that finds nothing to read means it is still open and idle.
bool still_open(UpstreamConnection& connection) {
  char byte = 0;
  ssize_t got = ::recv(connection.tcp().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace

UpstreamPool::UpstreamPool(std::size_t max_idle_per_host)
    : max_idle_per_host_(max_idle_per_host), tls_context_(net::ssl::context::tls_client) {
  tls_context_.set_default_verify_paths();
  tls_context_.set_verify_mode(net::ssl::verify_peer);
}

std::unique_ptr<UpstreamConnection> UpstreamPool::take_idle(const net::execution_context& context,
                                                            const std::string& key) {
  for (;;) {
    std::unique_ptr<UpstreamConnection> connection;
    {
      std::lock_guard lock(mutex_);
      auto on_context = idle_.find(&context);
      if (on_context == idle_.end()) return nullptr;
      auto found = on_context->second.find(key);
      if (found == on_context->second.end() || found->second.empty()) return nullptr;
      connection = std::move(found->second.back());
      found->second.pop_back();
    }
    // The check is a syscall: outside the lock, which the other IO threads take too.
    if (std::chrono::steady_clock::now() - connection->idle_since < kTrustedIdle ||
        still_open(*connection)) {
      connection->reused = true;
      return connection;
    }
  }
}

net::awaitable<std::unique_ptr<UpstreamConnection>> UpstreamPool::acquire(
    const UpstreamUrl& url, std::chrono::milliseconds connect_timeout, bool fresh_only) {
  auto executor = co_await net::this_coro::executor;
  if (!fresh_only) {
    if (auto idle = take_idle(net::query(executor, net::execution::context), url.pool_key))
      co_return idle;
  }

  auto connection = std::make_unique<UpstreamConnection>();
  net::ip::tcp::resolver resolver(executor);
  auto endpoints = co_await resolver.async_resolve(url.host, std::to_string(url.port), net::use_awaitable);
  if (url.tls) {
    connection->tls.emplace(executor, tls_context_);
  } else {
    connection->plain.emplace(executor);
  }
  auto& tcp = connection->tcp();
  tcp.expires_after(connect_timeout);
  co_await tcp.async_connect(endpoints, net::use_awaitable);
  tcp.socket().set_option(net::ip::tcp::no_delay(true));
  if (url.tls) {
    auto& tls = *connection->tls;
    // SNI, and the certificate must name this host.
    if (!SSL_set_tlsext_host_name(tls.native_handle(), url.host.c_str())) {
      throw boost::system::system_error(
          beast::error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category()));
    }
    tls.set_verify_callback(net::ssl::host_name_verification(url.host));
    co_await tls.async_handshake(net::ssl::stream_base::client, net::use_awaitable);
  }
  tcp.expires_never();
  co_return connection;
}

void UpstreamPool::release(const UpstreamUrl& url, std::unique_ptr<UpstreamConnection> connection) {
  auto& tcp = connection->tcp();
  tcp.expires_never();
  connection->idle_since = std::chrono::steady_clock::now();
  const net::execution_context* context = &net::query(tcp.get_executor(), net::execution::context);
  std::lock_guard lock(mutex_);
  auto& list = idle_[context][url.pool_key];
  if (list.size() < max_idle_per_host_) list.push_back(std::move(connection));
}

void UpstreamPool::clear() {
  std::lock_guard lock(mutex_);
  idle_.clear();
}

}  // namespace reinforge::gateway
