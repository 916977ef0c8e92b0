// Closed-loop HTTP load for the gateway benchmark: N keep-alive connections, each sending
// the next chat completion as soon as the previous answer (streamed or not) is complete.
// Prints one JSON line: requests, errors, requests/s, latency percentiles (µs) and, for
// streams, time to the first body byte.
// Usage: gateway_bench_load --port P [--header "name: value"]... [--name NAME]
//        [--port P2 [--header ...]... [--name NAME2]]...
//        [--protocol chat|responses|messages] [--path P]
//        --connections N (--seconds S | --once) [--rate R] [--stream] [--model M]
// --rate: open loop instead: R calls per second in all, spread evenly over the connections;
// latency counts from when a call was due, so a slow answer delaying the next call is charged
// to the proxy (no coordinated omission).
// Several --port: each is a target with the headers and name that follow it, loaded at the same
// time with its own N connections and rate, one JSON line each (with "name"). A proxy's added
// latency is then read against a direct target measured in the same seconds, so a burst on a
// shared host lands on both instead of on whichever ran when it came.
#include <utility>  // before Asio's awaitable.hpp under g++ 12

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

struct Target {
  std::string name;
  unsigned short port = 0;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct Options {
  std::vector<Target> targets;
  std::string path;                  // default: the protocol's
  std::string protocol = "chat";     // chat | responses | messages
  int connections = 32;
  double seconds = 5;
  bool once = false;
  double rate = 0;  // calls per second in all; 0: closed loop
  bool stream = false;
  std::string model = "bench-fast";
};

struct Results {
  std::vector<double> latency_us;
  std::vector<double> first_byte_us;
  long errors = 0;
  std::string first_error;
};

net::awaitable<void> connection_loop(const Options& options, const Target& target, Results& results,
                                     Clock::time_point deadline, int index) {
  auto executor = co_await net::this_coro::executor;
  const auto interval = options.rate > 0 ? std::chrono::duration_cast<Clock::duration>(
                                               std::chrono::duration<double>(options.connections / options.rate))
                                         : Clock::duration::zero();
  // Connections start spread over one interval so the calls do not come in bursts.
  auto due = Clock::now() + interval * index / std::max(1, options.connections);
  // The same question in each protocol's shape (the gateway translates the last two for a chat
  // upstream, or passes them through to one that speaks them).
  std::string body =
      options.protocol == "responses"
          ? R"({"model":")" + options.model +
                R"(","instructions":"You are terse.","input":"What is the answer?","max_output_tokens":16)"
      : options.protocol == "messages"
          ? R"({"model":")" + options.model +
                R"(","system":"You are terse.","messages":[{"role":"user","content":"What is the answer?"}],"max_tokens":16)"
          : R"({"model":")" + options.model +
                R"(","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"What is the answer?"}],"max_tokens":16)";
  body += options.stream ? R"(,"stream":true})" : "}";
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  bool first = true;
  while (first || (!options.once && Clock::now() < deadline)) {
    first = false;
    beast::error_code error;
    if (!stream) {
      stream.emplace(executor);
      co_await stream->async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), target.port),
                                     net::redirect_error(net::use_awaitable, error));
      if (!error) stream->socket().set_option(tcp::no_delay(true));
    }
    if (options.rate > 0) {
      if (Clock::now() < due) {
        net::steady_timer pause(executor, due);
        co_await pause.async_wait(net::use_awaitable);
      }
      if (due >= deadline) break;
    }
    auto started = options.rate > 0 ? due : Clock::now();
    due += interval;
    if (!error) {
      bhttp::request<bhttp::string_body> request{bhttp::verb::post, options.path, 11};
      request.set(bhttp::field::host, "127.0.0.1");
      request.set(bhttp::field::content_type, "application/json");
      for (const auto& [name, value] : target.headers) request.set(name, value);
      request.keep_alive(true);
      request.body() = body;
      request.prepare_payload();
      stream->expires_after(std::chrono::seconds(60));
      co_await bhttp::async_write(*stream, request, net::redirect_error(net::use_awaitable, error));
    }
    bhttp::response_parser<bhttp::buffer_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    if (!error) co_await bhttp::async_read_header(*stream, buffer, parser, net::redirect_error(net::use_awaitable, error));
    std::optional<Clock::time_point> first_byte;
    std::vector<char> chunk(16384);
    while (!error && !parser.is_done()) {
      parser.get().body().data = chunk.data();
      parser.get().body().size = chunk.size();
      co_await bhttp::async_read_some(*stream, buffer, parser, net::redirect_error(net::use_awaitable, error));
      if (error == bhttp::error::need_buffer) error = {};
      if (!first_byte && parser.get().body().size < chunk.size()) first_byte = Clock::now();
    }
    auto finished = Clock::now();
    if (!error && parser.get().result_int() != 200) {
      error = beast::error_code(net::error::fault);
      if (results.first_error.empty()) results.first_error = "HTTP " + std::to_string(parser.get().result_int());
    }
    if (error) {
      ++results.errors;
      if (results.first_error.empty()) results.first_error = error.message();
      stream.reset();
      buffer.clear();
      if (!options.once) {
        net::steady_timer pause(executor, std::chrono::milliseconds(10));
        co_await pause.async_wait(net::use_awaitable);
      }
      continue;
    }
    results.latency_us.push_back(std::chrono::duration<double, std::micro>(finished - started).count());
    if (first_byte) results.first_byte_us.push_back(std::chrono::duration<double, std::micro>(*first_byte - started).count());
    if (!parser.keep_alive()) {
      stream.reset();
      buffer.clear();
    }
  }
}

double percentile(std::vector<double>& values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto index = static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1));
  return values[index];
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
      return argv[++i];
    };
    auto last_target = [&]() -> Target& {
      if (options.targets.empty()) throw std::runtime_error(arg + " must follow a --port");
      return options.targets.back();
    };
    if (arg == "--port")
      options.targets.push_back({"", static_cast<unsigned short>(std::stoi(next())), {}});
    else if (arg == "--name")
      last_target().name = next();
    else if (arg == "--path") options.path = next();
    else if (arg == "--protocol") options.protocol = next();
    else if (arg == "--connections") options.connections = std::stoi(next());
    else if (arg == "--seconds") options.seconds = std::stod(next());
    else if (arg == "--once") options.once = true;
    else if (arg == "--rate") options.rate = std::stod(next());
    else if (arg == "--stream") options.stream = true;
    else if (arg == "--model") options.model = next();
    else if (arg == "--header") {
      std::string header = next();
      auto colon = header.find(':');
      last_target().headers.emplace_back(header.substr(0, colon),
                                         header.substr(header.find_first_not_of(' ', colon + 1)));
    } else {
      std::cerr << "unknown option " << arg << "\n";
      return 2;
    }
  }
  if (options.path.empty()) {
    options.path = options.protocol == "responses" ? "/v1/responses"
                   : options.protocol == "messages" ? "/v1/messages"
                                                    : "/v1/chat/completions";
  }
  if (options.targets.empty()) {
    std::cerr << "--port is required\n";
    return 2;
  }
  net::io_context io{1};
  std::vector<Results> results(options.targets.size());
  auto started = Clock::now();
  auto deadline = started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.seconds));
  // The targets' connections interleaved, so none starts its calls ahead of the others.
  for (int i = 0; i < options.connections; ++i) {
    for (std::size_t t = 0; t < options.targets.size(); ++t) {
      net::co_spawn(io, connection_loop(options, options.targets[t], results[t], deadline, i),
                    net::detached);
    }
  }
  io.run();
  double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  bool any_errors = false;
  for (std::size_t t = 0; t < options.targets.size(); ++t) {
    auto& result = results[t];
    auto requests = result.latency_us.size();
    std::string name =
        options.targets[t].name.empty() ? "" : "\"name\":\"" + options.targets[t].name + "\",";
    std::printf(
        "{%s\"connections\":%d,\"rate\":%.0f,\"stream\":%s,\"requests\":%zu,\"errors\":%ld,\"rps\":"
        "%.0f,\"p50_us\":%.0f,\"p90_us\":%.0f,"
        "\"p99_us\":%.0f,\"ttfb_p50_us\":%.0f,\"ttfb_p99_us\":%.0f,\"first_error\":\"%s\"}\n",
        name.c_str(), options.connections, options.rate, options.stream ? "true" : "false",
        requests, result.errors, static_cast<double>(requests) / elapsed,
        percentile(result.latency_us, 0.5), percentile(result.latency_us, 0.9),
        percentile(result.latency_us, 0.99), percentile(result.first_byte_us, 0.5),
        percentile(result.first_byte_us, 0.99), result.first_error.c_str());
    any_errors = any_errors || result.errors > 0;
  }
  return any_errors ? 1 : 0;
}
