#pragma once
// Internal to gateway/ (includes Beast): the coroutines that answer /v1/* on the IO threads.
#include "gateway/route_table_watcher.hpp"
#include "gateway/call_protocol.hpp"
#include "gateway/caller_auth.hpp"
#include "gateway/response_memory.hpp"
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
  ResponseMemory& responses;        // Responses answers for previous_response_id
};

// POST /v1/chat/completions, /v1/embeddings, /v1/responses and /v1/messages: authenticate,
// route by model, forward the body — translated to Chat Completions for a provider that does not
// speak the caller's protocol — relay the answer (event by event when streamed), retry and fall
// back, trace.
net::awaitable<bool> proxy_call(ProxyContext& context, http::RawExchange& exchange,
                                CallProtocol protocol);

// GET /v1/responses/<id>: a Responses answer the gateway kept.
net::awaitable<bool> get_stored_response(ProxyContext& context, http::RawExchange& exchange);

// GET /v1/models: the configured models, in OpenAI's list shape.
net::awaitable<bool> list_models(ProxyContext& context, http::RawExchange& exchange);

}  // namespace reinforge::gateway
