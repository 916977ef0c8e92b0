#pragma once
// Maps (method, path) to a handler. Patterns are literal segments and ":name" parameters:
// "/api/datasets/:id/records".
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/request.hpp"

namespace reinforge::http {

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  bool body_to_file = false;  // stream the body to a temporary file (uploads)
};

class Router {
 public:
  void add(const std::string& method, const std::string& pattern, Handler handler,
           RouteOptions options = {});

  struct Match {
    const Handler* handler = nullptr;
    const std::string* pattern = nullptr;  // as registered, for the access rules
    RouteOptions options;
    std::map<std::string, std::string> params;
    bool path_exists = false;  // the path matched some route, but not with this method
  };
  Match match(const std::string& method, const std::string& path) const;

  struct Registered {
    std::string method;
    std::string pattern;
  };
  std::vector<Registered> routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    RouteOptions options;
  };
  std::vector<Route> routes_;
};

std::vector<std::string> split_path(std::string_view path);

}  // namespace reinforge::http
