#include "protocols/upstream_json.hpp"

#include <algorithm>

namespace reinforge::protocols {

namespace {

// Past this, the thread's parser and buffer are let go once a smaller document comes, so that
// one huge answer does not hold its memory for the life of the IO thread.
constexpr size_t kKeptCapacity = 1 << 20;

// Parses `text` with `parser` into `padded` (its copy with SIMDJSON_PADDING readable bytes
// after it); a parser grown past kKeptCapacity is let go first when `text` is smaller.
std::optional<JsonElement> parse_padded(simdjson::dom::parser& parser, std::string& padded,
                                        std::string_view text, size_t max_depth) {
  if (parser.capacity() > kKeptCapacity && text.size() <= kKeptCapacity) {
    parser = simdjson::dom::parser();
    padded = std::string();
  }
  if (parser.max_depth() < max_depth && parser.allocate(text.size(), max_depth)) {
    return std::nullopt;
  }
  padded.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  padded.assign(text);
  JsonElement root;
  if (parser.parse(padded.data(), padded.size(), false).get(root)) return std::nullopt;
  return root;
}

// How deep arrays and objects nest in valid JSON text.
size_t nesting_depth(std::string_view text) {
  size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

std::optional<JsonElement> parse_upstream_json(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  thread_local std::string padded;
  if (auto root = parse_padded(parser, padded, text, simdjson::DEFAULT_MAX_DEPTH)) return root;
  // simdjson refuses what nlohmann reads: numbers past 64 bits, nesting past 1024 levels. Such a
  // text is read as nlohmann reads it, by a second parser as deep as the text could nest.
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) return std::nullopt;
  thread_local simdjson::dom::parser deep_parser;
  thread_local std::string deep_padded;
  std::string rewritten = document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return parse_padded(deep_parser, deep_padded, rewritten, nesting_depth(rewritten) + 1);
}

std::optional<JsonElement> member(JsonElement object, std::string_view key) {
  simdjson::dom::object fields;
  JsonElement value;
  if (object.get_object().get(fields) || fields[key].get(value) || value.is_null()) {
    return std::nullopt;
  }
  return value;
}

std::string_view string_member(JsonElement object, std::string_view key) {
  std::string_view text;
  if (auto value = member(object, key); value && !value->get_string().get(text)) return text;
  return {};
}

std::optional<int64_t> integer_value(JsonElement value) {
  int64_t number = 0;
  if (value.is_int64() && !value.get_int64().get(number)) return number;
  uint64_t unsigned_number = 0;
  if (value.is_uint64() && !value.get_uint64().get(unsigned_number)) {
    return static_cast<int64_t>(unsigned_number);
  }
  return std::nullopt;
}

nlohmann::json to_nlohmann(JsonElement value) {
  switch (value.type()) {
    case simdjson::dom::element_type::OBJECT: {
      nlohmann::json object = nlohmann::json::object();
      for (auto field : simdjson::dom::object(value)) {
        object[std::string(field.key)] = to_nlohmann(field.value);  // the last of a key counts
      }
      return object;
    }
    case simdjson::dom::element_type::ARRAY: {
      nlohmann::json array = nlohmann::json::array();
      for (JsonElement item : simdjson::dom::array(value)) array.push_back(to_nlohmann(item));
      return array;
    }
    case simdjson::dom::element_type::STRING:
      return std::string(std::string_view(value));
    case simdjson::dom::element_type::INT64:
      // nlohmann reads a non-negative integer as unsigned.
      if (int64_t number = int64_t(value); number >= 0) return static_cast<uint64_t>(number);
      return int64_t(value);
    case simdjson::dom::element_type::UINT64:
      return uint64_t(value);
    case simdjson::dom::element_type::DOUBLE:
      return double(value);
    case simdjson::dom::element_type::BOOL:
      return bool(value);
    case simdjson::dom::element_type::NULL_VALUE:
      return nullptr;
  }
  return nullptr;
}

}  // namespace reinforge::protocols
