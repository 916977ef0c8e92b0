#include "gateway/proxy_handler.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/redirect_error.hpp>
#include <cstdio>
#include <functional>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <span>
#include <thread>

#include "gateway/call_conversation.hpp"
#include "gateway/openai_error.hpp"
#include "gateway/request_inspector.hpp"
#include "gateway/wire_format.hpp"
#include "protocols/responses_translation.hpp"
#include "providers/api_call.hpp"
#include "util/clock.hpp"
#include "util/secure_token.hpp"
#include "util/temporarily_unavailable.hpp"

namespace reinforge::gateway {

namespace {

using namespace std::string_view_literals;
using Clock = std::chrono::steady_clock;
constexpr std::string_view kJsonType = "application/json";
constexpr std::size_t kMaxCapturedBytes = 8u << 20;  // traces keep at most this much response
constexpr std::size_t kMaxUpstreamBody = 64u << 20;  // a non-streamed answer larger is refused

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// Time-ordered (so ids sort like traces) and random enough to be unique across restarts.
std::string new_trace_id() {
  thread_local std::mt19937_64 random{std::random_device{}() ^
                                      std::hash<std::thread::id>{}(std::this_thread::get_id())};
  char id[40];
  std::snprintf(id, sizeof id, "tr_%011llx%013llx",
                static_cast<unsigned long long>(util::now_unix_millis()),
                static_cast<unsigned long long>(random() >> 12));
  return id;
}

std::vector<std::string> tags_from_header(const http::Request& request) {
  std::vector<std::string> tags;
  auto header = request.header("x-reinforge-tags");
  if (!header) return tags;
  std::string_view rest = *header;
  while (!rest.empty() && tags.size() < 32) {
    auto comma = rest.find(',');
    std::string_view tag = rest.substr(0, comma);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (!tag.empty()) tags.emplace_back(tag.substr(0, 100));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return tags;
}

// A stream's timer closes the socket when it fires; depending on which operation was pending
// that reads as timeout or as operation_aborted, so the deadline itself decides.
bool is_timeout(const beast::error_code& error, Clock::time_point deadline) {
  return error == beast::error::timeout || error == net::error::timed_out ||
         (error == net::error::operation_aborted && Clock::now() >= deadline);
}

// Everything one call accumulates for its trace.
struct CallState {
  CallProtocol protocol = CallProtocol::chat;
  Clock::time_point started = Clock::now();
  Clock::time_point deadline;
  CapturedTrace captured;
  bool client_gone = false;
  // The passed-on headers of the last upstream answer (wire_format.hpp), sent with ours.
  std::string upstream_headers;
};

void keep_passed_headers(const bhttp::response_parser<bhttp::buffer_body>& parser, CallState& state) {
  state.upstream_headers.clear();
  for (const auto& field : parser.get()) {
    auto name = field.name_string();
    if (!is_passed_upstream_header(std::string_view(name.data(), name.size()))) continue;
    auto value = field.value();
    state.upstream_headers.append(name.data(), name.size()).append(": ").append(value.data(), value.size()).append("\r\n");
  }
}

enum class Outcome { answered, retry };

// What a failed attempt leaves for the caller if nothing later succeeds.
struct Failure {
  int status = 502;
  std::string body;  // OpenAI-shaped
  std::string message;
};

// `body` is written before this returns: a temporary in the caller's co_await lives that long.
net::awaitable<void> send_whole(http::RawExchange& exchange, CallState& state, int status,
                                std::string_view content_type, std::string_view body) {
  std::string head = response_head({.status = status,
                                    .version = exchange.version,
                                    .keep_alive = exchange.keep_alive,
                                    .content_type = content_type,
                                    .trace_id = state.captured.trace.id,
                                    .content_length = body.size(),
                                    .upstream_headers = state.upstream_headers,
                                    .over_tls = exchange.stream.is_tls()});
  std::array<net::const_buffer, 2> message{net::buffer(head), net::buffer(body)};
  beast::error_code error;
  exchange.stream.tcp().expires_after(std::chrono::seconds(60));
  co_await exchange.stream.with_stream([&](auto& caller) {
    return net::async_write(caller, message, net::redirect_error(net::use_awaitable, error));
  });
  exchange.stream.tcp().expires_never();
  if (error) state.client_gone = true;
}

// A read returns after one HTTP chunk even when the upstream has sent more; this parses the
// rest of what is already received into the body buffer (no waiting), so every event that
// has arrived goes to the caller in one write.
beast::error_code parse_buffered(UpstreamConnection& connection,
                                 bhttp::response_parser<bhttp::buffer_body>& parser) {
  while (!parser.is_done() && connection.buffer.size() > 0 && parser.get().body().size > 0) {
    beast::error_code error;
    std::size_t used = parser.put(connection.buffer.data(), error);
    connection.buffer.consume(used);
    if (error == bhttp::error::need_more || error == bhttp::error::need_buffer) break;
    if (error) return error;
    if (used == 0) break;
  }
  return {};
}

// Reads the rest of a response body into `out`, within the deadline; what already came in
// with the head is parsed without another read.
net::awaitable<beast::error_code> read_body(UpstreamConnection& connection,
                                            bhttp::response_parser<bhttp::buffer_body>& parser,
                                            Clock::time_point deadline, std::string& out) {
  beast::error_code error;
  while (!parser.is_done()) {
    // Straight into `out`: the exact length when the upstream sent one.
    const auto room = static_cast<std::size_t>(
        std::min<std::uint64_t>(parser.content_length_remaining().value_or(16384), 1u << 20));
    const std::size_t used = out.size();
    out.resize(used + std::max<std::size_t>(room, 1));
    parser.get().body().data = out.data() + used;
    parser.get().body().size = out.size() - used;
    error = parse_buffered(connection, parser);
    if (!error && !parser.is_done() && parser.get().body().size == out.size() - used) {
      connection.tcp().expires_at(deadline);
      co_await connection.with_stream([&](auto& stream) {
        return bhttp::async_read_some(stream, connection.buffer, parser,
                                      net::redirect_error(net::use_awaitable, error));
      });
      if (error == bhttp::error::need_buffer) error = {};
    }
    out.resize(out.size() - parser.get().body().size);
    if (error) break;
    if (out.size() > kMaxUpstreamBody) {
      error = bhttp::error::body_limit;
      break;
    }
  }
  co_return error;
}

// Relays a streamed (SSE) answer as it arrives.
// A translated call (`translator` set) sends the caller its own protocol's events instead.
net::awaitable<void> relay_stream(http::RawExchange& exchange, CallState& state,
                                  UpstreamConnection& connection,
                                  bhttp::response_parser<bhttp::buffer_body>& parser,
                                  bool& upstream_clean, AnswerTranslator* translator,
                                  const std::function<void(const std::string&)>& on_answer) {
  auto& trace = state.captured.trace;
  auto upstream_type = parser.get()[bhttp::field::content_type];
  std::string_view type = translator ? "text/event-stream"sv
                                     : std::string_view(upstream_type.data(), upstream_type.size());
  std::string head =
      response_head({.status = static_cast<int>(parser.get().result_int()),
                     .version = exchange.version,
                     .keep_alive = exchange.keep_alive,
                     .content_type = type.empty() ? "text/event-stream"sv : type,
                     .trace_id = trace.id,
                     .content_length = std::nullopt,
                     .no_cache = true,
                     .upstream_headers = state.upstream_headers,
                     .over_tls = exchange.stream.is_tls()});
  bool head_sent = false;

  std::string& captured = trace.response_json.emplace();
  if (!connection.stream_chunk)
    connection.stream_chunk =
        std::make_unique_for_overwrite<char[]>(UpstreamConnection::kStreamChunkBytes);
  char* const chunk = connection.stream_chunk.get();
  auto empty_chunk = [&] {
    parser.get().body().data = chunk;
    parser.get().body().size = UpstreamConnection::kStreamChunkBytes;
  };
  empty_chunk();
  // Events that came in with the header.
  beast::error_code error = parse_buffered(connection, parser);
  char size_line[24];
  // At most the head, a chunk's size line, its events and line end, and the last chunk.
  std::array<net::const_buffer, 5> out;
  std::size_t out_count = 0;
  std::string translated;
  bool answer_reported = false;
  for (;;) {
    std::size_t got = UpstreamConnection::kStreamChunkBytes - parser.get().body().size;
    const bool finished = error || parser.is_done();
    const char* out_data = chunk;
    if (translator) {
      translated = translator->feed(std::string_view(chunk, got));
      // The translator keeps what it needs of an event cut in two (it may answer nothing yet):
      // the next read starts the buffer over, or it would be fed these bytes twice.
      empty_chunk();
      if (finished && !translator->finished()) {
        translated += error ? translator->fail("the upstream stream broke: " + error.message())
                            : translator->finish();
      }
      // Before the caller has the last event, so a follow-up call can continue from it.
      if (translator->finished() && !answer_reported) {
        answer_reported = true;
        if (on_answer) on_answer(translator->answer_text());
      }
      out_data = translated.data();
      got = translated.size();
    }
    // Each write carries everything there is to send right now: the head (once), the events
    // received so far, and the terminating chunk once the upstream has finished; the head
    // goes alone only when no event is there yet, so the caller sees the status at once.
    if (got || finished || !head_sent) {
      out_count = 0;
      if (!head_sent) out[out_count++] = net::buffer(head);
      if (got) {
        if (!trace.ttft_ms) trace.ttft_ms = ms_between(state.started, Clock::now());
        if (captured.size() + got <= kMaxCapturedBytes) captured.append(out_data, got);
        out[out_count++] = net::buffer(chunk_size_line(got, size_line));
        out[out_count++] = net::buffer(out_data, got);
        out[out_count++] = net::buffer(kChunkEnd);
      }
      // A stream the upstream broke off, passed on as it is, ends without its last chunk and the
      // connection closes after it: the caller's HTTP client reports an incomplete body, as it
      // would talking to the provider itself, instead of taking a cut-off answer for a whole
      // one. A translated stream ends with its protocol's error event (translator->fail).
      if (finished && error && !translator) {
        exchange.keep_alive = false;
      } else if (finished) {
        out[out_count++] = net::buffer(kLastChunk);
      }
      beast::error_code client_error;
      exchange.stream.tcp().expires_after(std::chrono::seconds(60));
      // A span: the write copies its buffer sequence, which a vector would allocate for.
      std::span<const net::const_buffer> to_send(out.data(), out_count);
      co_await exchange.stream.with_stream([&](auto& caller) {
        return net::async_write(caller, to_send,
                                net::redirect_error(net::use_awaitable, client_error));
      });
      if (client_error) {
        // Dropping the upstream connection (not pooled) cancels the request there.
        state.client_gone = true;
        if (got || (head_sent && !finished)) trace.error = "the caller disconnected mid-stream";
        co_return;
      }
      head_sent = true;
      empty_chunk();
    }
    if (finished) break;
    connection.tcp().expires_at(state.deadline);
    co_await connection.with_stream([&](auto& stream) {
      return bhttp::async_read_some(stream, connection.buffer, parser,
                                    net::redirect_error(net::use_awaitable, error));
    });
    if (error == bhttp::error::need_buffer) error = {};
    if (!error) error = parse_buffered(connection, parser);
  }
  exchange.stream.tcp().expires_never();
  if (error) {
    trace.error = is_timeout(error, state.deadline)
                      ? std::string("the stream passed the total timeout")
                      : "the upstream stream broke: " + error.message();
  }
  upstream_clean = !error && parser.is_done();
}

// One try against one target. Answers the caller (Outcome::answered) unless the failure is
// retryable and `may_retry`, in which case nothing has been sent and `failure` says why.
net::awaitable<Outcome> attempt(ProxyContext& context, http::RawExchange& exchange,
                                CallState& state, const RouteTarget& target, PreparedCall& call,
                                const std::string& body, bool stream, bool may_retry,
                                Failure& failure,
                                const std::function<void(const std::string&)>& on_answer) {
  const auto& provider = *target.provider;
  const auto& timeouts = context.config.timeouts;
  auto& trace = state.captured.trace;
  trace.provider = provider.name;
  trace.model = target.upstream_model;

  // The caller's key stays here; the provider gets its own.
  const std::string head = upstream_request_head({.base_path = provider.url.base_path,
                                                  .target = call.path,
                                                  .host = provider.url.host_header,
                                                  .api_key = provider.api_key,
                                                  .stream = stream,
                                                  .content_length = body.size(),
                                                  .anthropic = call.anthropic,
                                                  .anthropic_version = call.anthropic_version,
                                                  .anthropic_beta = call.anthropic_beta});
  const std::array<net::const_buffer, 2> request{net::buffer(head), net::buffer(body)};

  std::unique_ptr<UpstreamConnection> connection;
  std::optional<bhttp::response_parser<bhttp::buffer_body>> parser;
  for (int fresh_tries = 0;; ++fresh_tries) {
    try {
      // After a pooled connection failed, a fresh one: the others may have been closed with it
      // (the provider restarted).
      connection = co_await context.pool.acquire(provider.url, timeouts.connect, fresh_tries > 0);
    } catch (const boost::system::system_error& error) {
      bool timeout = is_timeout(error.code(), Clock::now());
      failure = {timeout ? 504 : 502, std::string(),
                 timeout ? "could not connect to provider '" + provider.name + "' within " +
                               std::to_string(timeouts.connect.count()) + " ms"
                         : "could not connect to provider '" + provider.name +
                               "': " + error.code().message()};
      break;
    }
    parser.emplace();
    // Not boost::none: Boost 1.74 then refuses any body with a Content-Length.
    parser->body_limit(std::numeric_limits<std::uint64_t>::max());
    auto first_byte_deadline = std::min(Clock::now() + timeouts.first_byte, state.deadline);
    connection->tcp().expires_at(first_byte_deadline);
    beast::error_code error;
    co_await connection->with_stream([&](auto& upstream) {
      return net::async_write(upstream, request, net::redirect_error(net::use_awaitable, error));
    });
    if (!error) {
      co_await connection->with_stream([&](auto& upstream) {
        return bhttp::async_read_header(upstream, connection->buffer, *parser,
                                        net::redirect_error(net::use_awaitable, error));
      });
    }
    if (!error) {
      failure = {};
      break;
    }
    // A pooled connection the peer closed as we took it: try once more on a fresh one.
    bool timeout = is_timeout(error, first_byte_deadline);
    bool try_fresh = connection->reused && !timeout && fresh_tries == 0;
    // Dropped before the fresh try: if that connect fails too, no connection is what says so.
    connection.reset();
    if (try_fresh) continue;
    failure = {
        timeout ? 504 : 502, std::string(),
        timeout ? "provider '" + provider.name + "' sent no response within " +
                      std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::min(timeouts.first_byte, timeouts.total))
                                         .count()) +
                      " ms"
                : "the connection to provider '" + provider.name + "' failed: " + error.message()};
    break;
  }
  if (!connection) {
    state.upstream_headers.clear();
    failure.body = protocol_error_body(
        state.protocol, failure.status, failure.message, "server_error",
        failure.status == 504 ? "upstream_timeout"sv : "upstream_unreachable"sv);
    if (may_retry) co_return Outcome::retry;
    trace.status = failure.status;
    trace.error = failure.message;
    co_await send_whole(exchange, state, failure.status, kJsonType, failure.body);
    co_return Outcome::answered;
  }

  const int status = parser->get().result_int();
  const bool retryable_status = status == 429 || status >= 500;
  keep_passed_headers(*parser, state);
  if (stream && status >= 200 && status < 300) {
    trace.status = status;
    bool upstream_clean = false;
    co_await relay_stream(exchange, state, *connection, *parser, upstream_clean,
                          call.translator.get(), on_answer);
    if (upstream_clean && parser->keep_alive())
      context.pool.release(provider.url, std::move(connection));
    co_return Outcome::answered;
  }

  std::string upstream_body;
  auto error = co_await read_body(*connection, *parser, state.deadline, upstream_body);
  // An error body is no first token: a failed call shows none.
  if (!upstream_body.empty() && !trace.ttft_ms && status < 400)
    trace.ttft_ms = ms_between(state.started, Clock::now());
  if (error) {
    connection.reset();
    bool timeout = is_timeout(error, state.deadline);
    failure = {
        timeout ? 504 : 502, std::string(),
        timeout
            ? "provider '" + provider.name + "' did not finish its answer within the total timeout"
            : "reading the answer of provider '" + provider.name + "' failed: " + error.message()};
    failure.body = protocol_error_body(state.protocol, failure.status, failure.message,
                                       "server_error",
                                       timeout ? "upstream_timeout"sv : "upstream_error"sv);
    if (may_retry) co_return Outcome::retry;
    trace.status = failure.status;
    trace.error = failure.message;
    co_await send_whole(exchange, state, failure.status, kJsonType, failure.body);
    co_return Outcome::answered;
  }
  // A view into the parser's head, which lives until this call returns.
  auto upstream_type = parser->get()[bhttp::field::content_type];
  std::string_view content_type(upstream_type.data(), upstream_type.size());
  if (parser->keep_alive()) context.pool.release(provider.url, std::move(connection));
  if (status >= 400) {
    upstream_body = util::without_secret(std::move(upstream_body), provider.api_key);
    // The provider's own words lead the trace's error, where the drawer shows them.
    std::string said = providers::upstream_message(upstream_body);
    upstream_body = protocol_upstream_error_body(state.protocol, status, std::move(upstream_body));
    failure = {status, upstream_body,
               "provider '" + provider.name + "' answered HTTP " + std::to_string(status) +
                   (said.empty() ? "" : ": " + said)};
    if (retryable_status && may_retry) co_return Outcome::retry;
    trace.error = failure.message;
    content_type = kJsonType;
  } else if (call.translator) {
    std::string unreadable;
    try {
      upstream_body = call.translator->whole(upstream_body);
      if (on_answer) on_answer(upstream_body);
    } catch (const std::exception& error) {
      unreadable = error.what();
    }
    if (!unreadable.empty()) {
      std::string message = "provider '" + provider.name +
                            "' answered something that is not a chat completion: " + unreadable;
      trace.status = 502;
      trace.error = message;
      trace.response_json = upstream_body;
      co_await send_whole(exchange, state, 502, kJsonType,
                          protocol_error_body(state.protocol, 502, message, "server_error",
                                              "upstream_error"sv));
      co_return Outcome::answered;
    }
    content_type = kJsonType;
  }
  trace.status = status;
  const std::string& answer = trace.response_json.emplace(std::move(upstream_body));
  co_await send_whole(exchange, state, status, content_type.empty() ? kJsonType : content_type,
                      answer);
  co_return Outcome::answered;
}

std::string missing_key_error() {
  return openai_error_body("Missing or wrong API key: send 'Authorization: Bearer <gateway key>' (or x-api-key).",
                           "invalid_request_error", "invalid_api_key");
}

std::string model_list_json(const GatewayConfig& config, const std::vector<std::string>& endpoints) {
  nlohmann::json data = nlohmann::json::array();
  for (const auto& model : config.models) {
    data.push_back(
        {{"id", model.name}, {"object", "model"}, {"created", 0}, {"owned_by", model.provider}});
  }
  // Deployments' new endpoints (step 7) are models callers can ask for too.
  for (const auto& endpoint : endpoints) {
    data.push_back({{"id", endpoint}, {"object", "model"}, {"created", 0}, {"owned_by", "reinforge"}});
  }
  return nlohmann::json{{"object", "list"}, {"data", std::move(data)}}.dump();
}

// Ends a call with an error the gateway itself decides (auth, bad request, unknown model).
net::awaitable<bool> refuse(http::RawExchange& exchange, CallState& state, ProxyContext& context,
                            int status, std::string_view message, std::string_view type,
                            std::string_view code, std::string_view param = {}) {
  state.captured.trace.status = status;
  state.captured.trace.error = std::string(message);
  co_await send_whole(exchange, state, status, kJsonType,
                      protocol_error_body(state.protocol, status, message, type, code, param));
  state.captured.trace.latency_ms = ms_between(state.started, Clock::now());
  // A caller without a valid key is counted, but what it sent is not kept: anyone who can reach
  // the port could otherwise fill the trace store.
  if (status == 401) {
    state.captured.trace.request_json = "{}";
    state.captured.trace.tags.clear();
  } else {
    state.captured.trace.request_json = std::move(exchange.request.body);
  }
  context.traces.submit(std::move(state.captured));
  co_return !state.client_gone;
}

// The caller an A/B deployment keeps on one arm: the request's `user`, else the
// x-reinforge-user header, else the gateway key.
std::string sticky_key(const http::Request& request, const InspectedRequest& inspected, const Caller& caller) {
  if (!inspected.user.empty()) return inspected.user;
  if (auto header = request.header("x-reinforge-user"); header && !header->empty()) return *header;
  return caller.gateway_key_id ? "key:" + std::to_string(*caller.gateway_key_id) : "admin";
}

// Where the call goes: the deployments' routes first (the tuned model on its provider, by
// default the one serving the base model), then the model's configured targets.
std::vector<RouteTarget> targets_for(ProxyContext& context, const http::Request& request,
                                     const InspectedRequest& inspected, const Caller& caller,
                                     store::Trace& trace) {
  auto table = context.routes.current();
  // Most calls ask for a model no deployment routes: they build no sticky key.
  const DeploymentRoute* route = table->find(inspected.model);
  if (!route) return resolve_model(context.config, inspected.model);
  auto routed = route_call(*table, inspected.model, sticky_key(request, inspected, caller));
  trace.deployment_id = routed.deployment_id;
  trace.arm = routed.arm;
  if (!routed.tuned) return resolve_model(context.config, routed.model);
  const ProviderConfig* provider = routed.provider.empty() ? nullptr : context.config.find_provider(routed.provider);
  if (!provider) {
    auto base = resolve_model(context.config, route->base_model);
    if (!base.empty()) provider = base.front().provider;
  }
  if (!provider) return {};
  return {RouteTarget{provider, routed.model, routed.model}};
}

// The caller's key: "Authorization: Bearer …", or Anthropic's SDKs' x-api-key.
std::optional<std::string> caller_credential(const http::Request& request) {
  if (auto authorization = request.header("authorization")) return authorization;
  if (auto key = request.header("x-api-key")) return "Bearer " + *key;
  return std::nullopt;
}

// Whether `caller` may read or continue a stored answer: the key that made it, or the admin (a
// stored id is unguessable, but one seen in a log or a shared trace must not open another team's
// conversation, as OpenAI keeps responses to the project that made them).
bool may_read(const Caller& caller, const store::StoredResponse& stored) {
  return !caller.gateway_key_id || caller.gateway_key_id == stored.gateway_key_id;
}

ProtocolCall read_protocol_call(ProxyContext& context, const http::Request& request,
                                CallProtocol protocol, const std::string& trace_id,
                                const Caller& caller) {
  ProtocolCall call;
  call.protocol = protocol;
  call.request = nlohmann::json::parse(request.body, nullptr, false);
  const std::string suffix = trace_id.substr(trace_id.rfind('_') + 1);
  call.answer_id = (protocol == CallProtocol::responses ? "resp_" : "msg_") + suffix;
  if (protocol != CallProtocol::responses || !call.request.is_object()) return call;
  auto previous = call.request.value("previous_response_id", nlohmann::json());
  if (!previous.is_string()) return call;
  auto stored = context.responses.find(previous.get<std::string>());
  if (stored && !may_read(caller, *stored)) stored.reset();
  call.previous_found = stored.has_value();
  if (stored) call.previous_messages = previous_turns(stored->conversation_json);
  return call;
}

}  // namespace

net::awaitable<bool> proxy_call(ProxyContext& context, http::RawExchange& exchange,
                                CallProtocol protocol) {
  CallState state;
  state.protocol = protocol;
  state.deadline = state.started + context.config.timeouts.total;
  auto& trace = state.captured.trace;
  trace.id = new_trace_id();
  trace.created_at_ms = util::now_unix_millis();
  trace.endpoint = std::string(endpoint_name(protocol));
  trace.tags = tags_from_header(exchange.request);
  if (auto session = exchange.request.header("x-reinforge-session"))
    state.captured.session_hint = session->substr(0, 200);

  auto caller = context.auth.authenticate(exchange.request, caller_credential(exchange.request));
  if (!caller) {
    co_return co_await refuse(
        exchange, state, context, 401,
        "Missing or wrong API key: send 'Authorization: Bearer <gateway key>' (or x-api-key)."sv,
        "invalid_request_error"sv, "invalid_api_key"sv);
  }
  trace.gateway_key_id = caller->gateway_key_id;

  std::string problem;
  auto inspected = inspect_request(exchange.request.body, problem);
  if (!inspected)
    co_return co_await refuse(exchange, state, context, 400, problem, "invalid_request_error"sv,
                              "invalid_request"sv);
  trace.model_requested = inspected->model;
  trace.stream = inspected->stream;
  // A Responses or Messages body is read whole only when a target needs it translated (and a
  // Responses call then may continue a stored conversation); passed through, it is never parsed.
  std::optional<ProtocolCall> agent_call;

  std::vector<RouteTarget> targets;
  auto pinned_provider = exchange.request.header("x-reinforge-provider");
  auto direct = exchange.request.header("x-reinforge-route");
  if (pinned_provider || direct) {
    // The playground's headers: they bypass the deployments' routes, so only the admin may.
    if (caller->gateway_key_id) {
      co_return co_await refuse(exchange, state, context, 403,
                                "x-reinforge-route and x-reinforge-provider are for the admin "
                                "token (the playground), not for gateway keys."sv,
                                "invalid_request_error"sv, "forbidden"sv);
    }
    if (std::find(trace.tags.begin(), trace.tags.end(), "playground") == trace.tags.end())
      trace.tags.push_back("playground");
    if (direct && *direct != "direct") {
      co_return co_await refuse(exchange, state, context, 400,
                                "x-reinforge-route must be 'direct'."sv,
                                "invalid_request_error"sv, "invalid_request"sv);
    }
    if (pinned_provider) {
      const auto* provider = context.config.find_provider(*pinned_provider);
      if (!provider) {
        co_return co_await refuse(
            exchange, state, context, 400,
            "The gateway has no provider named '" + std::string(*pinned_provider) + "'.",
            "invalid_request_error"sv, "invalid_request"sv);
      }
      targets.push_back({provider, inspected->model, inspected->model});
    } else {
      targets = resolve_model(context.config, inspected->model);
    }
  } else {
    targets = targets_for(context, exchange.request, *inspected, *caller, trace);
  }
  if (targets.empty()) {
    co_return co_await refuse(
        exchange, state, context, 404,
        "The model '" + inspected->model + "' is not configured on this gateway.",
        "invalid_request_error"sv, "model_not_found"sv);
  }

  const auto& retry = context.config.retry;
  Failure failure;
  int attempts = 0;
  bool answered = false;
  for (std::size_t t = 0; t < targets.size() && !answered; ++t) {
    const auto& target = targets[t];
    PreparedCall call;
    std::optional<std::string> renamed;
    if (speaks(*target.provider, protocol)) {
      auto version = exchange.request.header("anthropic-version");
      auto beta = exchange.request.header("anthropic-beta");
      const bool messages = protocol == CallProtocol::messages;
      call = passed_through_call(
          protocol, messages ? checked_anthropic_version(version ? &*version : nullptr) : "",
          messages ? checked_anthropic_beta(beta ? &*beta : nullptr) : "");
      if (target.upstream_model != inspected->model) {
        renamed = body_with_model(exchange.request.body, *inspected, target.upstream_model);
      }
    } else {
      if (!agent_call) {
        // previous_response_id may be looked up in the store, which can be away (PostgreSQL).
        bool store_away = false;
        try {
          agent_call = read_protocol_call(context, exchange.request, protocol, trace.id, *caller);
        } catch (const util::TemporarilyUnavailable& error) {
          std::cerr << "reinforge: previous_response_id lookup: " << error.what() << "\n";
          store_away = true;
        }
        if (store_away) {
          co_return co_await refuse(exchange, state, context, 503, util::kStoreUnavailableMessage,
                                    "server_error"sv, "store_unavailable"sv);
        }
      }
      std::optional<protocols::TranslationError> untranslatable;
      try {
        call = translated_call(*agent_call, target.upstream_model);
      } catch (const protocols::TranslationError& error) {
        untranslatable = error;
      }
      if (untranslatable && untranslatable->field == "previous_response_id") {
        // The code OpenAI answers with, which clients recover from by sending the whole input.
        trace.attempts = attempts;
        co_return co_await refuse(exchange, state, context, 400, untranslatable->reason,
                                  "invalid_request_error"sv, "previous_response_not_found"sv,
                                  untranslatable->field);
      }
      if (untranslatable) {
        trace.attempts = attempts;
        co_return co_await refuse(exchange, state, context, 400,
                                  "Provider '" + target.provider->name +
                                      "' speaks Chat Completions only, so this call is translated, "
                                      "and " +
                                      untranslatable->what(),
                                  "invalid_request_error"sv, "unsupported_for_translation"sv,
                                  untranslatable->field);
      }
    }
    const std::string& body =
        !call.body.empty() ? call.body : renamed ? *renamed : exchange.request.body;
    // A translated Responses answer is kept before the caller has it, so an immediate
    // follow-up with previous_response_id finds it.
    std::function<void(const std::string&)> on_answer;
    if (protocol == CallProtocol::responses && call.translator &&
        agent_call->request.value("store", true) != false) {
      on_answer = [&context, &call, &trace, &agent_call](const std::string& answer) {
        auto message = protocols::completed_response_message(answer);
        if (!message) return;
        context.responses.remember(
            {agent_call->answer_id, trace.id, "",
             stored_conversation_json(call.conversation_before_answer, *message), answer,
             trace.created_at_ms, trace.gateway_key_id});
      };
    }
    for (int retry_index = 0; retry_index <= retry.max_retries && !answered; ++retry_index) {
      if (retry_index > 0) {
        net::steady_timer pause(co_await net::this_coro::executor);
        // The pause never outlasts the call's total timeout.
        pause.expires_at(std::min(Clock::now() + retry.backoff * (1 << (retry_index - 1)), state.deadline));
        co_await pause.async_wait(net::use_awaitable);
      }
      if (Clock::now() >= state.deadline) break;
      bool last = t + 1 == targets.size() && retry_index == retry.max_retries;
      ++attempts;
      Outcome outcome = co_await attempt(context, exchange, state, target, call, body,
                                         inspected->stream, !last, failure, on_answer);
      answered = outcome == Outcome::answered;
    }
  }
  if (!answered) {
    // Only reached when the total deadline cut the retries short.
    trace.status = failure.status;
    trace.error = failure.message;
    co_await send_whole(exchange, state, failure.status, kJsonType,
                        failure.body.empty() ? protocol_error_body(state.protocol, failure.status, failure.message, "server_error"sv,
                                                                 "upstream_timeout"sv)
                                             : failure.body);
  }
  trace.attempts = attempts;
  if (state.client_gone && trace.status >= 200 && trace.status < 300) trace.status = 499;
  trace.latency_ms = ms_between(state.started, Clock::now());
  state.captured.streamed_body = inspected->stream;
  trace.request_json = std::move(exchange.request.body);  // the caller's body, not a renamed one
  context.traces.submit(std::move(state.captured));
  co_return !state.client_gone && exchange.keep_alive;
}

net::awaitable<bool> list_models(ProxyContext& context, http::RawExchange& exchange) {
  CallState state;
  if (!context.auth.authenticate(exchange.request, caller_credential(exchange.request))) {
    std::string body = missing_key_error();
    co_await send_whole(exchange, state, 401, kJsonType, body);
    co_return false;
  }
  std::string body = model_list_json(context.config, context.routes.current()->endpoints());
  co_await send_whole(exchange, state, 200, kJsonType, body);
  co_return !state.client_gone && exchange.keep_alive;
}

net::awaitable<bool> get_stored_response(ProxyContext& context, http::RawExchange& exchange) {
  CallState state;
  auto caller = context.auth.authenticate(exchange.request, caller_credential(exchange.request));
  if (!caller) {
    co_await send_whole(exchange, state, 401, kJsonType, missing_key_error());
    co_return false;
  }
  const std::string id = exchange.request.path.substr(std::string_view("/v1/responses/").size());
  std::optional<store::StoredResponse> stored;
  bool store_away = false;
  try {
    stored = context.responses.find(id);
  } catch (const util::TemporarilyUnavailable& error) {
    std::cerr << "reinforge: GET /v1/responses/" << id << ": " << error.what() << "\n";
    store_away = true;
  }
  if (store_away) {
    co_await send_whole(
        exchange, state, 503, kJsonType,
        openai_error_body(util::kStoreUnavailableMessage, "server_error", "store_unavailable"));
    co_return !state.client_gone && exchange.keep_alive;
  }
  if (stored && !may_read(*caller, *stored)) stored.reset();
  if (!stored) {
    co_await send_whole(exchange, state, 404, kJsonType,
                        openai_error_body("No response with id '" + id + "' is stored here.",
                                          "invalid_request_error", "not_found"));
  } else {
    co_await send_whole(exchange, state, 200, kJsonType, stored->response_json);
  }
  co_return !state.client_gone && exchange.keep_alive;
}

}  // namespace reinforge::gateway
