// Beast and Asio stay inside this file (ARCHITECTURE.md: headers expose plain C++ types).
#include <utility>  // before Asio's awaitable.hpp under g++ 12

#include "http/server.hpp"

#include <array>
#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast.hpp>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <thread>

#include "http/client_address.hpp"
#include "http/plain_or_tls_stream.hpp"
#include "http/raw_route.hpp"
#include "http/security_headers.hpp"
#include "http/static_files.hpp"
#include "http/tls_credentials.hpp"
#include "http/url.hpp"
#include "util/secure_token.hpp"
#include "util/temporarily_unavailable.hpp"
#include "util/thread_name.hpp"
#include "util/thread_priority.hpp"

namespace reinforge::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

// One io_context per IO thread, each connection on one of them for its whole life: a call's
// reads, writes and upstream exchange never hop between threads, so the threads do not wake
// each other (with one shared context, every completion could land on the other thread and
// the futex wake-ups cost more than the proxying).
struct Server::Impl {
  ServerOptions options;
  Router router;
  std::vector<std::unique_ptr<net::io_context>> io_contexts = make_io_contexts(options.io_threads);
  // Keeps the contexts that have no connection yet running until stop().
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running = guard(io_contexts);
  net::thread_pool blocking{options.handler_threads};
  tcp::acceptor acceptor{*io_contexts.front()};
  std::size_t next_context = 0;  // round robin, only touched by the accept loop
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> upload_counter{0};

  Impl(ServerOptions o, Router r) : options(std::move(o)), router(std::move(r)) {}

  static std::vector<std::unique_ptr<net::io_context>> make_io_contexts(unsigned count) {
    std::vector<std::unique_ptr<net::io_context>> contexts;
    for (unsigned i = 0; i < std::max(1u, count); ++i) contexts.push_back(std::make_unique<net::io_context>(1));
    return contexts;
  }
  static std::vector<net::executor_work_guard<net::io_context::executor_type>> guard(
      const std::vector<std::unique_ptr<net::io_context>>& contexts) {
    std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
    for (const auto& context : contexts) guards.push_back(net::make_work_guard(*context));
    return guards;
  }

  net::awaitable<void> accept_loop();
  net::awaitable<void> session(tcp::socket socket);
  net::awaitable<bool> handle_one(PlainOrTlsStream& stream, beast::flat_buffer& buffer,
                                  const std::string& remote_address);
  // Runs options.admit (on the blocking pool: it reads the store); a refusal's answer, or nothing.
  std::optional<Response> admit(Request& request, const Router::Match& match);
  Response dispatch(Request& request, const Router::Match& match);
  net::awaitable<bool> handle_raw(PlainOrTlsStream& stream, beast::flat_buffer& buffer,
                                  bhttp::request_parser<bhttp::empty_body>& header_parser,
                                  Request& request, const RawHandler& handler, unsigned version,
                                  bool keep_alive);
};

namespace {

constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

Response error_response(int status, std::string_view code, std::string_view message) {
  return Response::json(status, error_body(code, message));
}

Response body_too_large(std::size_t limit) {
  return error_response(413, "payload_too_large",
                        "The request body is larger than the server's limit of " +
                            std::to_string(limit >> 20) + " MB.");
}

// A proxy in front that terminated TLS says so; the first value is the hop nearest the client.
// Taken on trust: all it does is make the session cookie Secure, which a liar cannot misuse.
bool forwarded_over_https(const Request& request) {
  auto it = request.headers.find("x-forwarded-proto");
  if (it == request.headers.end()) return false;
  std::string_view proto(it->second);
  proto = proto.substr(0, proto.find(','));
  while (!proto.empty() && proto.front() == ' ') proto.remove_prefix(1);
  while (!proto.empty() && proto.back() == ' ') proto.remove_suffix(1);
  return beast::iequals(beast::string_view(proto.data(), proto.size()), "https");
}

template <class Body>
void fill_request(Request& request, const bhttp::request<Body>& message, const std::string& remote,
                  bool tls, const std::vector<std::string>& trusted_proxies) {
  request.method = std::string(message.method_string());
  std::string_view target(message.target().data(), message.target().size());
  auto question = target.find('?');
  request.path = url_decode(target.substr(0, question));
  if (question != std::string_view::npos) request.query = parse_query(target.substr(question + 1));
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.insert_or_assign(std::move(name), std::string(field.value()));
  }
  auto forwarded_for = request.headers.find("x-forwarded-for");
  request.remote_address =
      forwarded_for == request.headers.end()
          ? remote
          : client_address(remote, forwarded_for->second, trusted_proxies);
  request.secure_transport = tls || forwarded_over_https(request);
}

void set_security_headers(bhttp::fields& fields, bool tls) {
  for (const auto& field : security_headers(tls)) {
    fields.set(beast::string_view(field.name.data(), field.name.size()),
               beast::string_view(field.value.data(), field.value.size()));
  }
}

// `tls`: the connection is HTTPS (Strict-Transport-Security).
bhttp::response<bhttp::string_body> to_beast(Response& response, unsigned version, bool keep_alive,
                                             bool tls) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
  out.set(bhttp::field::server, "reinforge");
  if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
  set_security_headers(out, tls);
  for (const auto& [name, value] : response.headers) out.set(name, value);
  out.keep_alive(keep_alive);
  out.body() = std::move(response.body);
  out.prepare_payload();
  return out;
}

// Writes a streamed body with chunked encoding; runs on a blocking-pool thread while the
// connection's coroutine waits, so nothing else touches the socket meanwhile.
void write_streamed(PlainOrTlsStream& stream, Response& response, unsigned version) {
  bhttp::response<bhttp::empty_body> head{static_cast<bhttp::status>(response.status), version};
  head.set(bhttp::field::server, "reinforge");
  head.set(bhttp::field::content_type, response.content_type);
  set_security_headers(head, stream.is_tls());
  for (const auto& [name, value] : response.headers) head.set(name, value);
  head.chunked(true);
  head.keep_alive(false);
  beast::error_code error;
  stream.tcp().expires_never();
  bhttp::response_serializer<bhttp::empty_body> serializer{head};
  stream.with_stream([&](auto& out) { bhttp::write_header(out, serializer, error); });
  if (error) return;
  bool open = true;
  response.producer([&](std::string_view chunk) {
    if (!open || chunk.empty()) return open;
    stream.with_stream([&](auto& out) {
      net::write(out, bhttp::make_chunk(net::buffer(chunk.data(), chunk.size())), error);
    });
    open = !error;
    return open;
  });
  if (open) {
    stream.with_stream([&](auto& out) { net::write(out, bhttp::make_chunk_last(), error); });
  }
}

// What a request the parser refused gets before the connection closes: 431 for a header over
// the limit (RFC 6585 5), 400 for broken framing (RFC 9112: request line, header syntax,
// conflicting Content-Length and Transfer-Encoding, chunk syntax). Nothing when the client went
// away or went quiet: there is no one to answer.
std::optional<Response> refusal_for(const beast::error_code& error) {
  if (error == bhttp::error::header_limit) {
    return error_response(431, "header_too_large",
                          "The request's header is larger than the server's limit of " +
                              std::to_string(kMaxHeaderBytes >> 10) + " KB.");
  }
  static constexpr std::array kMalformed{
      bhttp::error::bad_line_ending,    bhttp::error::bad_method,
      bhttp::error::bad_target,         bhttp::error::bad_version,
      bhttp::error::bad_field,          bhttp::error::bad_value,
      bhttp::error::bad_content_length, bhttp::error::bad_transfer_encoding,
      bhttp::error::bad_chunk,          bhttp::error::bad_chunk_extension,
      bhttp::error::bad_obs_fold};
  for (auto malformed : kMalformed) {
    if (error == malformed) {
      return error_response(400, "bad_request",
                            "The request is not valid HTTP/1.1 (" + error.message() + ").");
    }
  }
  return std::nullopt;
}

// Answers a request the server reads no further, then lets the connection end. What the client
// is still sending is read and dropped for a moment first: closing a socket with unread input
// resets it, and the client could lose the answer (RFC 9112 9.6).
net::awaitable<void> answer_and_close(PlainOrTlsStream& stream, Response response,
                                      unsigned version) {
  auto message = to_beast(response, version, false, stream.is_tls());
  beast::error_code error;
  stream.tcp().expires_after(std::chrono::seconds(10));
  co_await stream.with_stream([&](auto& out) {
    return bhttp::async_write(out, message, net::redirect_error(net::use_awaitable, error));
  });
  if (error) co_return;
  // Under TLS the session's close_notify ends the answer instead.
  if (!stream.is_tls()) stream.tcp().socket().shutdown(tcp::socket::shutdown_send, error);
  stream.tcp().expires_after(std::chrono::seconds(2));
  std::array<char, 16384> dropped;
  for (std::size_t total = 0; !error && total < (1u << 20);) {
    total += co_await stream.with_stream([&](auto& in) {
      return in.async_read_some(net::buffer(dropped),
                                net::redirect_error(net::use_awaitable, error));
    });
  }
}

// A read the parser failed: answered (and the connection closed) when the request was malformed;
// otherwise the connection just ends.
net::awaitable<bool> end_after_read_error(PlainOrTlsStream& stream, const beast::error_code& error,
                                          unsigned version) {
  auto refusal = refusal_for(error);
  if (!refusal) throw beast::system_error(error);
  co_await answer_and_close(stream, std::move(*refusal), version);
  co_return false;
}

Response internal_error(const Request& request, const std::exception& error) {
  if (dynamic_cast<const util::TemporarilyUnavailable*>(&error)) {
    std::cerr << "reinforge: " << request.method << " " << request.path << ": " << error.what()
              << "\n";
    auto response = error_response(503, "store_unavailable", util::kStoreUnavailableMessage);
    response.headers.emplace_back("Retry-After", "5");
    return response;
  }
  std::cerr << "reinforge: internal error on " << request.method << " " << request.path << ": "
            << error.what() << "\n";
  return error_response(500, "internal", std::string("Internal error: ") + error.what());
}

// The handler's answer, its errors turned into answers too (so the audit log sees refusals and
// failures alike).
Response run_handler(Request& request, const Router::Match& match) {
  try {
    return (*match.handler)(request);
  } catch (const HttpError& error) {
    return error_response(error.status, error.code, error.what());
  } catch (const std::exception& error) {
    return internal_error(request, error);
  }
}

}  // namespace

std::optional<Response> Server::Impl::admit(Request& request, const Router::Match& match) {
  if (!options.admit) return std::nullopt;
  try {
    return options.admit(request, *match.pattern);
  } catch (const HttpError& error) {
    return error_response(error.status, error.code, error.what());
  } catch (const std::exception& error) {
    return internal_error(request, error);
  }
}

Response Server::Impl::dispatch(Request& request, const Router::Match& match) {
  Response response = run_handler(request, match);
  if (options.after) {
    // The change is made: a failure to record it is logged, not turned into a failed answer.
    try {
      options.after(request, *match.pattern, response);
    } catch (const std::exception& error) {
      std::cerr << "reinforge: could not record " << request.method << " " << request.path
                << " in the audit log: " << error.what() << "\n";
    }
  }
  return response;
}

net::awaitable<bool> Server::Impl::handle_one(PlainOrTlsStream& stream, beast::flat_buffer& buffer,
                                              const std::string& remote_address) {
  bhttp::request_parser<bhttp::empty_body> header_parser;
  header_parser.header_limit(kMaxHeaderBytes);
  // Boost 1.74 treats body_limit(boost::none) as a limit of zero for a Content-Length body
  // (it compares the length with an empty optional), so "no limit yet" is the largest value;
  // the route's own limit is applied below.
  header_parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  stream.tcp().expires_after(std::chrono::seconds(60));
  beast::error_code header_error;
  co_await stream.with_stream([&](auto& in) {
    return bhttp::async_read_header(in, buffer, header_parser,
                                    net::redirect_error(net::use_awaitable, header_error));
  });
  if (header_error) co_return co_await end_after_read_error(stream, header_error, 11);

  // Counted from the end of the header, so idle keep-alive connections don't delay shutdown.
  struct InFlight {
    std::atomic<int>& count;
    explicit InFlight(std::atomic<int>& c) : count(c) { ++count; }
    ~InFlight() { --count; }
  } in_flight_guard(in_flight);
  const auto& head = header_parser.get();
  Request request;
  fill_request(request, head, remote_address, stream.is_tls(), options.trusted_proxies);
  const unsigned version = head.version();
  bool keep_alive = head.keep_alive();
  auto send = [&](Response response) -> net::awaitable<void> {
    auto message = to_beast(response, version, keep_alive, stream.is_tls());
    stream.tcp().expires_after(std::chrono::seconds(60));
    co_await stream.with_stream(
        [&](auto& out) { return bhttp::async_write(out, message, net::use_awaitable); });
  };

  if (const RawHandler* raw = options.raw_routes ? options.raw_routes->find(request.method, request.path) : nullptr) {
    co_return co_await handle_raw(stream, buffer, header_parser, request, *raw, version, keep_alive);
  }
  auto match = router.match(request.method, request.path);

  if (!match.handler) {
    Response response;
    if (match.path_exists) {
      response = error_response(405, "method_not_allowed",
                                request.method + " is not allowed on " + request.path + ".");
    } else if (request.path.rfind("/api/", 0) == 0 || request.path.rfind("/v1/", 0) == 0) {
      response = error_response(404, "not_found", "No endpoint " + request.method + " " + request.path + ".");
    } else {
      response = serve_static(options.web_dir, request.path);
    }
    if (head.has_content_length() || head.chunked()) keep_alive = false;  // body left unread
    co_await send(std::move(response));
    co_return keep_alive;
  }

  // Who asks, and whether they may, is settled before the body is read: an upload from someone
  // who may not send it is never written to disk.
  request.path_params = match.params;
  std::optional<Response> refusal;
  if (options.admit) {
    refusal = co_await net::co_spawn(
        blocking, [&]() -> net::awaitable<std::optional<Response>> { co_return admit(request, match); },
        net::use_awaitable);
  }
  if (refusal) {
    if (head.has_content_length() || head.chunked()) {
      co_await answer_and_close(stream, std::move(*refusal), version);
      co_return false;
    }
    co_await send(std::move(*refusal));
    co_return keep_alive && !stopping;
  }

  const std::size_t limit = match.options.body_to_file ? options.max_upload_bytes : options.max_body_bytes;
  if (header_parser.content_length() && *header_parser.content_length() > limit) {
    // Refused before the body is sent (clients waiting on "Expect: 100-continue" never send it).
    co_await answer_and_close(stream, body_too_large(limit), version);
    co_return false;
  }
  if (beast::iequals(head[bhttp::field::expect], "100-continue")) {
    bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, version};
    co_await stream.with_stream(
        [&](auto& out) { return bhttp::async_write(out, go_on, net::use_awaitable); });
  }

  stream.tcp().expires_after(std::chrono::minutes(30));  // large uploads take a while
  if (match.options.body_to_file) {
    bhttp::request_parser<bhttp::file_body> parser{std::move(header_parser)};
    parser.body_limit(options.max_upload_bytes);
    std::filesystem::create_directories(options.upload_dir);
    auto path = options.upload_dir / ("upload-" + util::generate_secret("").substr(0, 16) + ".part");
    beast::error_code error;
    parser.get().body().open(path.c_str(), beast::file_mode::write, error);
    if (error) throw std::runtime_error("cannot write upload file: " + error.message());
    beast::error_code read_error;
    co_await stream.with_stream([&](auto& in) {
      return bhttp::async_read(in, buffer, parser,
                               net::redirect_error(net::use_awaitable, read_error));
    });
    parser.get().body().close();
    if (read_error) {
      std::filesystem::remove(path);
      if (read_error == bhttp::error::body_limit) {
        co_await answer_and_close(stream, body_too_large(limit), version);
        co_return false;
      }
      co_return co_await end_after_read_error(stream, read_error, version);
    }
    request.body_file = path;
  } else {
    bhttp::request_parser<bhttp::string_body> parser{std::move(header_parser)};
    parser.body_limit(options.max_body_bytes);
    beast::error_code read_error;
    co_await stream.with_stream([&](auto& in) {
      return bhttp::async_read(in, buffer, parser,
                               net::redirect_error(net::use_awaitable, read_error));
    });
    if (read_error == bhttp::error::body_limit) {
      co_await answer_and_close(stream, body_too_large(limit), version);
      co_return false;
    }
    if (read_error) co_return co_await end_after_read_error(stream, read_error, version);
    request.body = std::move(parser.get().body());
  }

  // The handler runs on the blocking pool; the coroutine resumes here when it is done.
  auto executor = co_await net::this_coro::executor;
  Response response = co_await net::co_spawn(
      blocking, [&]() -> net::awaitable<Response> { co_return dispatch(request, match); },
      net::use_awaitable);
  if (request.body_file) {
    // A handler that keeps the upload (an import job) moves it away; what is left is removed.
    std::error_code ignored;
    std::filesystem::remove(*request.body_file, ignored);
  }
  if (response.producer) {
    co_await net::co_spawn(
        blocking,
        [&]() -> net::awaitable<void> {
          write_streamed(stream, response, version);
          co_return;
        },
        net::use_awaitable);
    co_await net::post(executor, net::use_awaitable);
    co_return false;
  }
  co_await send(std::move(response));
  co_return keep_alive && !stopping;
}

// Reads the body like a JSON route, then hands the connection to the raw handler on this
// IO thread; the handler writes its own response.
net::awaitable<bool> Server::Impl::handle_raw(PlainOrTlsStream& stream, beast::flat_buffer& buffer,
                                              bhttp::request_parser<bhttp::empty_body>& header_parser,
                                              Request& request, const RawHandler& handler,
                                              unsigned version, bool keep_alive) {
  auto refuse_too_large = [&]() -> net::awaitable<bool> {
    co_await answer_and_close(stream, body_too_large(options.max_body_bytes), version);
    co_return false;
  };
  if (header_parser.content_length() && *header_parser.content_length() > options.max_body_bytes) {
    co_return co_await refuse_too_large();
  }
  if (beast::iequals(header_parser.get()[bhttp::field::expect], "100-continue")) {
    bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, version};
    co_await stream.with_stream(
        [&](auto& out) { return bhttp::async_write(out, go_on, net::use_awaitable); });
  }
  bhttp::request_parser<bhttp::string_body> parser{std::move(header_parser)};
  parser.body_limit(options.max_body_bytes);
  beast::error_code read_error;
  // A small body usually came in with the header: parse it here rather than through another
  // asynchronous read (which would complete through the scheduler even with nothing to read).
  while (!parser.is_done() && buffer.size() > 0 && !read_error) {
    std::size_t used = parser.put(buffer.data(), read_error);
    buffer.consume(used);
    if (read_error == bhttp::error::need_more) read_error = {};
    if (used == 0) break;
  }
  if (!read_error && !parser.is_done()) {
    stream.tcp().expires_after(std::chrono::seconds(60));
    co_await stream.with_stream([&](auto& in) {
      return bhttp::async_read(in, buffer, parser,
                               net::redirect_error(net::use_awaitable, read_error));
    });
  }
  if (read_error == bhttp::error::body_limit) co_return co_await refuse_too_large();
  if (read_error) co_return co_await end_after_read_error(stream, read_error, version);
  request.body = std::move(parser.get().body());
  stream.tcp().expires_never();
  RawExchange exchange{stream, request, version, keep_alive};
  bool keep = co_await handler(exchange);
  co_return keep && keep_alive && !stopping;
}

net::awaitable<void> Server::Impl::session(tcp::socket socket) {
  PlainOrTlsStream stream;
  if (options.tls) {
    stream.tls.emplace(std::move(socket), options.tls->context());
  } else {
    stream.plain.emplace(std::move(socket));
  }
  beast::flat_buffer buffer;
  beast::error_code handshake_error;
  if (stream.tls) {
    // A client that does not speak TLS (plain HTTP to this port, a scanner) just loses the
    // connection; it is not worth a line in the log.
    stream.tcp().expires_after(std::chrono::seconds(30));
    co_await stream.tls->async_handshake(net::ssl::stream_base::server,
                                         net::redirect_error(net::use_awaitable, handshake_error));
    if (handshake_error) co_return;
  }
  try {
    const std::string remote_address =
        stream.tcp().socket().remote_endpoint().address().to_string();
    for (;;) {
      if (!co_await handle_one(stream, buffer, remote_address)) break;
    }
  } catch (const beast::system_error& error) {
    if (error.code() != bhttp::error::end_of_stream && error.code() != net::error::eof &&
        error.code() != beast::error::timeout && error.code() != net::error::connection_reset &&
        error.code() != net::error::operation_aborted &&
        error.code() != net::ssl::error::stream_truncated) {
      std::cerr << "reinforge: connection error: " << error.code().message() << "\n";
    }
  } catch (const std::exception& error) {
    std::cerr << "reinforge: connection error: " << error.what() << "\n";
  }
  beast::error_code ignored;
  if (stream.tls) {
    // close_notify tells the client the last answer is complete; bounded, it may be gone.
    stream.tcp().expires_after(std::chrono::seconds(2));
    co_await stream.tls->async_shutdown(net::redirect_error(net::use_awaitable, ignored));
  } else {
    stream.tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
  }
}

net::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    beast::error_code error;
    auto& context = *io_contexts[next_context];
    next_context = (next_context + 1) % io_contexts.size();
    tcp::socket socket = co_await acceptor.async_accept(context, net::redirect_error(net::use_awaitable, error));
    if (error) {
      if (stopping || error == net::error::operation_aborted) co_return;
      continue;
    }
    socket.set_option(tcp::no_delay(true));
    net::co_spawn(context, session(std::move(socket)), net::detached);
  }
}

Server::Server(ServerOptions options, Router router)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router))) {}

Server::~Server() {
  stop();
  impl_->blocking.join();
}

void Server::listen() {
  auto& acceptor = impl_->acceptor;
  beast::error_code error;
  auto address = net::ip::make_address(impl_->options.host, error);
  if (error) throw std::runtime_error("'" + impl_->options.host + "' is not an IP address");
  tcp::endpoint endpoint(address, impl_->options.port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(net::socket_base::reuse_address(true));
  acceptor.bind(endpoint, error);
  if (error) {
    throw std::runtime_error("cannot listen on " + impl_->options.host + ":" +
                             std::to_string(impl_->options.port) + ": " + error.message() +
                             " (is another server using this port? pick one with --port)");
  }
  acceptor.listen(net::socket_base::max_listen_connections);
}

uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::run() {
  auto& contexts = impl_->io_contexts;
  net::co_spawn(*contexts.front(), impl_->accept_loop(), net::detached);
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < contexts.size(); ++i) {
    threads.emplace_back([&context = *contexts[i], i] {
      util::name_this_thread("http-io-" + std::to_string(i));
      util::run_this_thread_for_latency();
      context.run();
    });
  }
  util::name_this_thread("http-io-0");
  util::run_this_thread_for_latency();
  contexts.front()->run();
  for (auto& thread : threads) thread.join();
}

void Server::stop() {
  if (impl_->stopping.exchange(true)) return;
  // Stop accepting, let in-flight requests finish (up to 10 s), then stop the loop.
  net::post(*impl_->io_contexts.front(), [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  for (int i = 0; i < 1000 && impl_->in_flight > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  for (auto& context : impl_->io_contexts) context->stop();
}

}  // namespace reinforge::http
