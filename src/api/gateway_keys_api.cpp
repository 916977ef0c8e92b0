// Gateway keys: create (the key is in this one response only), list, revoke.
#include <memory>

#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "gateway/gateway_keys.hpp"
#include "store/trace_store.hpp"
#include "util/clock.hpp"

namespace reinforge::api {

namespace {

nlohmann::json key_json(const store::GatewayKey& key) {
  return {{"id", key.id},
          {"name", key.name},
          {"prefix", key.prefix},
          {"created_at", util::format_rfc3339(key.created_at)},
          {"revoked_at", key.revoked_at ? nlohmann::json(util::format_rfc3339(*key.revoked_at)) : nlohmann::json(nullptr)}};
}

}  // namespace

void register_gateway_key_routes(http::Router& router, AppContext& context) {
  std::shared_ptr<store::TraceStore> keys = context.traces;

  router.add("POST", "/api/gateway-keys", [keys](http::Request& request) {
    auto body = parse_json_body(request.body);
    if (!body.contains("name") || !body["name"].is_string()) throw http::bad_request("'name' is required and must be a string.");
    try {
      auto issued = gateway::issue_gateway_key(*keys, body["name"].get<std::string>());
      auto json = key_json(issued.key);
      json["key"] = issued.secret;
      return http::Response::json(201, json.dump());
    } catch (const gateway::GatewayKeyNameTaken& error) {
      throw http::conflict(error.what());
    } catch (const std::invalid_argument& error) {
      throw http::bad_request(error.what());
    }
  });

  router.add("GET", "/api/gateway-keys", [keys](http::Request&) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& key : keys->list_gateway_keys()) items.push_back(key_json(key));
    return http::Response::json(200, nlohmann::json{{"items", items}}.dump());
  });

  router.add("DELETE", "/api/gateway-keys/:id", [keys](http::Request& request) {
    if (!keys->revoke_gateway_key(request.path_id("id"))) {
      throw http::not_found("Gateway key " + request.path_params["id"] + " does not exist or is already revoked.");
    }
    return http::Response::no_content();
  });
}

}  // namespace reinforge::api
