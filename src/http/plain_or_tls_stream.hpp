#pragma once
// Internal to http/ and gateway/ (includes Beast): one connection that speaks plain TCP or TLS,
// decided when it is opened. The server's connections to callers (`reinforge serve --tls-cert`)
// and the gateway's to upstream providers are both one of these.
//
// Erased by a branch rather than a template parameter: the code that writes to it (the gateway's
// proxy, the server's session) is compiled once, and a plain connection pays one well-predicted
// test per read or write, not a virtual call or an allocation.
#include <utility>  // before Asio's awaitable.hpp under g++ 12

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

namespace reinforge::http {

struct PlainOrTlsStream {
  std::optional<boost::beast::tcp_stream> plain;
  std::optional<boost::beast::ssl_stream<boost::beast::tcp_stream>> tls;

  bool is_tls() const { return tls.has_value(); }
  // The TCP layer under TLS, or the plain stream: timeouts, the socket, its executor.
  boost::beast::tcp_stream& tcp() { return tls ? boost::beast::get_lowest_layer(*tls) : *plain; }
  // Calls `operation` with the stream to read and write (TLS or plain); it returns an awaitable
  // (or, for a blocking write, what the write returns).
  template <class Operation>
  decltype(auto) with_stream(Operation&& operation) {
    return tls ? operation(*tls) : operation(*plain);
  }
};

}  // namespace reinforge::http
