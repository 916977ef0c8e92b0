#include "api/routes.hpp"

namespace reinforge::api {

void register_session_routes(http::Router& router, AppContext&) {
  router.add("GET", "/api/session", [](http::Request&) {
    return http::Response::json(200, R"({"ok":true,"version":"0.1.0"})");
  });
}

}  // namespace reinforge::api
