#include "providers/key_destinations.hpp"

#include <mutex>

namespace reinforge::providers {

namespace {

struct Destinations {
  std::mutex mutex;
  bool restricted = false;
  std::vector<std::pair<std::string, std::string>> allowed;
};

Destinations& destinations() {
  static Destinations shared;
  return shared;
}

// "http://host/v1/" and "http://host/v1" are one place.
std::string without_trailing_slashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

void restrict_key_destinations(std::vector<std::pair<std::string, std::string>> allowed) {
  for (auto& [variable, url] : allowed) url = without_trailing_slashes(url);
  auto& shared = destinations();
  std::lock_guard lock(shared.mutex);
  shared.restricted = true;
  shared.allowed = std::move(allowed);
}

std::optional<std::string> key_destination_problem(const std::string& variable,
                                                   const std::string& base_url) {
  auto& shared = destinations();
  std::lock_guard lock(shared.mutex);
  if (!shared.restricted) return std::nullopt;
  const std::string url = without_trailing_slashes(base_url);
  std::vector<std::string> places;
  for (const auto& [allowed_variable, allowed_url] : shared.allowed) {
    if (allowed_variable != variable) continue;
    if (allowed_url == url) return std::nullopt;
    places.push_back(allowed_url);
  }
  if (places.empty()) {
    return "the server's config names no provider that uses " + variable +
           ", and it sends a key only where its config does; pick one of its providers" +
           (variable == "OPENAI_API_KEY"
                ? " (OpenAI's is one once OPENAI_API_KEY is set where the server starts)"
                : "");
  }
  std::string list;
  for (const auto& place : places) list += (list.empty() ? "" : ", ") + place;
  return "the server sends " + variable + " only to " + list +
         " (its config's providers that use it), not to " + url;
}

}  // namespace reinforge::providers
