#include "store/trace_tags_json.hpp"

namespace reinforge::store {

std::string tags_to_json(const std::vector<std::string>& tags) {
  std::string out = "[";
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : tags[i]) {
      if (c == '"' || c == '\\') out += '\\';
      if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    out += '"';
  }
  return out + "]";
}

std::vector<std::string> tags_from_json(std::string_view json) {
  std::vector<std::string> tags;
  std::string current;
  bool inside = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (!inside) {
      if (c == '"') inside = true;
      continue;
    }
    if (c == '\\' && i + 1 < json.size()) {
      current += json[++i];
    } else if (c == '"') {
      tags.push_back(std::move(current));
      current.clear();
      inside = false;
    } else {
      current += c;
    }
  }
  return tags;
}

}  // namespace reinforge::store
