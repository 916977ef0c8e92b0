// A fast OpenAI-compatible upstream for the gateway benchmark: one IO thread, keep-alive,
// fixed answers. "stream": true gets an SSE answer of 8 chunks; the model "bench-slow" streams
// one chunk every 500 ms for 10 s (to hold many slow streams open).
// Usage: gateway_bench_upstream PORT
#include <utility>  // before Asio's awaitable.hpp under g++ 12

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <iostream>
#include <string>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

const std::string kCompletion =
    R"({"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench-fast",)"
    R"("choices":[{"index":0,"message":{"role":"assistant","content":"The answer is forty-two."},)"
    R"("logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":20,"completion_tokens":6,"total_tokens":26}})";

std::string sse_chunk(const std::string& content) {
  return "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
         "\"model\":\"bench-fast\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content +
         "\"},\"finish_reason\":null}]}\n\n";
}

net::awaitable<void> session(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  beast::error_code error;
  for (;;) {
    bhttp::request<bhttp::string_body> request;
    co_await bhttp::async_read(stream, buffer, request, net::redirect_error(net::use_awaitable, error));
    if (error) break;
    const std::string& body = request.body();
    bool stream_requested = body.find("\"stream\":true") != std::string::npos ||
                            body.find("\"stream\": true") != std::string::npos;
    if (!stream_requested) {
      bhttp::response<bhttp::string_body> response{bhttp::status::ok, request.version()};
      response.set(bhttp::field::content_type, "application/json");
      response.body() = kCompletion;
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      co_await bhttp::async_write(stream, response, net::redirect_error(net::use_awaitable, error));
      if (error || !request.keep_alive()) break;
      continue;
    }
    bool slow = body.find("bench-slow") != std::string::npos;
    bhttp::response<bhttp::empty_body> head{bhttp::status::ok, request.version()};
    head.set(bhttp::field::content_type, "text/event-stream");
    head.chunked(true);
    head.keep_alive(request.keep_alive());
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    co_await bhttp::async_write_header(stream, serializer, net::redirect_error(net::use_awaitable, error));
    int chunks = slow ? 20 : 8;
    net::steady_timer timer(stream.get_executor());
    for (int i = 0; i < chunks && !error; ++i) {
      if (slow) {
        timer.expires_after(std::chrono::milliseconds(500));
        co_await timer.async_wait(net::redirect_error(net::use_awaitable, error));
      }
      std::string data = sse_chunk("token" + std::to_string(i) + " ");
      co_await net::async_write(stream, bhttp::make_chunk(net::buffer(data)), net::redirect_error(net::use_awaitable, error));
    }
    if (error) break;
    std::string done = "data: [DONE]\n\n";
    co_await net::async_write(stream, bhttp::make_chunk(net::buffer(done)), net::redirect_error(net::use_awaitable, error));
    co_await net::async_write(stream, bhttp::make_chunk_last(), net::redirect_error(net::use_awaitable, error));
    if (error || !request.keep_alive()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

net::awaitable<void> accept_loop(tcp::acceptor& acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
    socket.set_option(tcp::no_delay(true));
    net::co_spawn(acceptor.get_executor(), session(std::move(socket)), net::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: gateway_bench_upstream PORT\n";
    return 2;
  }
  net::io_context io{1};
  tcp::acceptor acceptor(io, {net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::stoi(argv[1]))});
  acceptor.listen(4096);
  net::co_spawn(io, accept_loop(acceptor), net::detached);
  io.run();
}
