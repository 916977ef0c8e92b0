#include "gateway/metadata_tags.hpp"

#include <simdjson.h>

#include <algorithm>

namespace reinforge::gateway {

namespace {

constexpr std::size_t kMaxTags = 32;
constexpr std::size_t kMaxTagBytes = 100;

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

void add_tag(std::string_view tag, std::vector<std::string>& tags) {
  tag = trimmed(tag).substr(0, kMaxTagBytes);
  if (tag.empty() || tags.size() >= kMaxTags) return;
  if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.emplace_back(tag);
}

}  // namespace

void add_metadata_tags(std::string_view request_json, std::vector<std::string>& tags) {
  // Most calls carry no metadata: this check spares them the parse.
  if (request_json.find("\"metadata\"") == std::string_view::npos) return;
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(simdjson::padded_string(request_json)).get(root)) return;
  simdjson::dom::object metadata;
  if (root["metadata"].get(metadata)) return;
  for (auto [key, value] : metadata) {
    std::string_view text;
    if (value.get(text)) continue;  // OpenAI's metadata values are strings
    if (key == "tags") {
      while (!text.empty()) {
        auto comma = text.find(',');
        add_tag(text.substr(0, comma), tags);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
      }
    } else {
      add_tag(std::string(key) + ":" + std::string(text), tags);
    }
  }
}

}  // namespace reinforge::gateway
