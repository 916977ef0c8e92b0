#include "http/router.hpp"

namespace reinforge::http {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) segments.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

void Router::add(const std::string& method, const std::string& pattern, Handler handler,
                 RouteOptions options) {
  routes_.push_back({method, pattern, split_path(pattern), std::move(handler), options});
}

std::vector<Router::Registered> Router::routes() const {
  std::vector<Registered> registered;
  for (const auto& route : routes_) registered.push_back({route.method, route.pattern});
  return registered;
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  auto segments = split_path(path);
  Match result;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i) {
      const auto& expected = route.segments[i];
      if (!expected.empty() && expected[0] == ':') {
        params[expected.substr(1)] = segments[i];
      } else {
        matches = expected == segments[i];
      }
    }
    if (!matches) continue;
    result.path_exists = true;
    if (route.method != method) continue;
    result.handler = &route.handler;
    result.pattern = &route.pattern;
    result.options = route.options;
    result.params = std::move(params);
    return result;
  }
  return result;
}

}  // namespace reinforge::http
