#include "gateway/gateway.hpp"

#include <nlohmann/json.hpp>

#include "gateway/proxy_handler.hpp"

namespace reinforge::gateway {

struct Gateway::Impl {
  GatewayConfig config;
  UpstreamPool pool;
  CallerAuth auth;
  ResponseMemory responses;
  TraceWriter traces;
  RouteTableWatcher routes;
  ProxyContext context{config, pool, traces, auth, routes, responses};

  Impl(GatewayConfig c, const store::StoreLocation& location, std::string admin_sha256)
      : config(std::move(c)),
        pool(config.max_idle_connections_per_host),
        auth(store::open_trace_store(location), std::move(admin_sha256)),
        responses(store::open_trace_store(location)),
        traces(store::open_trace_store(location), config.trace_queue_capacity, &responses),
        routes(store::open_deployment_store(location)) {}
};

Gateway::Gateway(GatewayConfig config, const store::StoreLocation& location,
                 std::string admin_token_sha256)
    : impl_(std::make_unique<Impl>(std::move(config), location, std::move(admin_token_sha256))) {}

Gateway::~Gateway() = default;

const GatewayConfig& Gateway::config() const { return impl_->config; }

void Gateway::accept_ui_sessions(std::function<bool(const http::Request&)> check) {
  impl_->auth.accept_ui_sessions(std::move(check));
}

void Gateway::close_upstream_connections() { impl_->pool.clear(); }

TraceWriterStats Gateway::trace_stats() const { return impl_->traces.stats(); }

void Gateway::install(http::ServerOptions& options, http::Router& router) {
  auto routes = std::make_shared<http::RawRoutes>();
  auto* context = &impl_->context;
  routes->add("POST", "/v1/chat/completions", [context](http::RawExchange& exchange) {
    return proxy_call(*context, exchange, CallProtocol::chat);
  });
  routes->add("POST", "/v1/embeddings", [context](http::RawExchange& exchange) {
    return proxy_call(*context, exchange, CallProtocol::embeddings);
  });
  routes->add("POST", "/v1/responses", [context](http::RawExchange& exchange) {
    return proxy_call(*context, exchange, CallProtocol::responses);
  });
  routes->add("POST", "/v1/messages", [context](http::RawExchange& exchange) {
    return proxy_call(*context, exchange, CallProtocol::messages);
  });
  routes->add_prefix("GET", "/v1/responses/", [context](http::RawExchange& exchange) {
    return get_stored_response(*context, exchange);
  });
  routes->add("GET", "/v1/models", [context](http::RawExchange& exchange) { return list_models(*context, exchange); });
  options.raw_routes = std::move(routes);

  router.add("GET", "/api/gateway/status", [this](http::Request&) {
    auto stats = impl_->traces.stats();
    nlohmann::json providers = nlohmann::json::array();
    for (const auto& provider : impl_->config.providers) {
      // The key's variable is shown, never its value.
      providers.push_back({{"name", provider.name},
                           {"api", provider.api == ProviderApi::responses   ? "responses"
                                   : provider.api == ProviderApi::anthropic ? "anthropic"
                                                                            : "chat"},
                           {"base_url", provider.base_url},
                           {"api_key_env", provider.api_key_env},
                           {"api_key_set", !provider.api_key.empty()}});
    }
    nlohmann::json models = nlohmann::json::array();
    for (const auto& model : impl_->config.models) {
      models.push_back({{"name", model.name},
                        {"provider", model.provider},
                        {"upstream_model", model.upstream_model},
                        {"fallbacks", model.fallbacks}});
    }
    nlohmann::json body{
        {"providers", providers},
        {"models", models},
        {"default_provider", impl_->config.default_provider},
        {"traces",
         {{"accepted", stats.accepted}, {"written", stats.written},
          {"written_catching_up", stats.written_catching_up}, {"dropped", stats.dropped},
          {"failed", stats.failed}, {"queued", stats.queued}, {"queue_capacity", stats.capacity}}}};
    return http::Response::json(200, body.dump());
  });
}

}  // namespace reinforge::gateway
