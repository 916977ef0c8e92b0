#include "topics/user_text.hpp"

#include <simdjson.h>

namespace reinforge::topics {

std::optional<std::string> user_text_of_record(std::string_view record_line) {
  // One parser per thread: it keeps its buffers between records.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(record_line.data(), record_line.size()).get(root)) return std::nullopt;
  simdjson::dom::array messages;
  if (root["messages"].get_array().get(messages)) return std::nullopt;
  std::string text;
  auto append = [&](std::string_view part) {
    if (part.empty()) return;
    if (!text.empty()) text += '\n';
    text.append(part);
  };
  for (auto message : messages) {
    std::string_view role;
    if (message["role"].get_string().get(role) || role != "user") continue;
    auto content = message["content"];
    std::string_view plain;
    if (!content.get_string().get(plain)) {
      append(plain);
      continue;
    }
    simdjson::dom::array parts;
    if (content.get_array().get(parts)) continue;
    for (auto part : parts) {
      std::string_view type, part_text;
      if (part["type"].get_string().get(type) || type != "text") continue;
      if (!part["text"].get_string().get(part_text)) append(part_text);
    }
  }
  return text;
}

}  // namespace reinforge::topics
