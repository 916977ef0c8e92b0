#pragma once
// Internal to gateway/ (includes Beast): the coroutines that answer /v1/* on the IO threads.
#include "gateway/route_table_watcher.hpp"
#include "gateway/caller_auth.hpp"
#include "gateway/gateway_config.hpp"
#include "gateway/trace_writer.hpp"
#include "gateway/upstream_pool.hpp"
#include "http/raw_route.hpp"

namespace reinforge::gateway {

struct ProxyContext {
  const GatewayConfig& config;
  UpstreamPool& pool;
  TraceWriter& traces;
  CallerAuth& auth;
  const RouteTableWatcher& routes;  // step 7's deployments
};

// POST /v1/chat/completions and /v1/embeddings: authenticate, route by model, forward the
// body, relay the answer (event by event when streamed), retry and fall back, trace.
// `upstream_path` is appended to the provider's base URL ("/chat/completions").
net::awaitable<bool> proxy_call(ProxyContext& context, http::RawExchange& exchange,
                                std::string_view upstream_path, std::string_view endpoint_name);

// GET /v1/models: the configured models, in OpenAI's list shape.
net::awaitable<bool> list_models(ProxyContext& context, http::RawExchange& exchange);

}  // namespace reinforge::gateway
