#include "store/record_search_text.hpp"

#include <simdjson.h>

namespace reinforge::store {

namespace {

// Keys whose string values name a shape, not content.
bool is_structural_key(std::string_view key) {
  return key == "role" || key == "type";
}

void add_strings(simdjson::dom::element value, std::string& out) {
  std::string_view text;
  simdjson::dom::array items;
  simdjson::dom::object fields;
  if (!value.get_string().get(text)) {
    if (text.empty()) return;
    if (!out.empty()) out += ' ';
    out.append(text);
  } else if (!value.get_array().get(items)) {
    for (simdjson::dom::element item : items) add_strings(item, out);
  } else if (!value.get_object().get(fields)) {
    for (auto field : fields) {
      if (is_structural_key(field.key) && field.value.is_string()) continue;
      add_strings(field.value, out);
    }
  }
  // Numbers, booleans and null are not searched for.
}

}  // namespace

std::string record_search_text(std::string_view line) {
  // One parser per thread (the importer's builders, the indexer, a PostgreSQL writer).
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element document;
  if (parser.parse(line.data(), line.size()).get(document)) return std::string(line);
  std::string out;
  out.reserve(line.size());
  add_strings(document, out);
  return out;
}

}  // namespace reinforge::store
