#include "gateway/request_inspector.hpp"

#include <simdjson.h>

namespace reinforge::gateway {

std::optional<InspectedRequest> inspect_request(std::string_view body, std::string& error) {
  // One parser per IO thread: it keeps its buffers between requests.
  thread_local simdjson::ondemand::parser parser;
  // The body copied with simdjson's padding after it, into a per-thread buffer kept between
  // requests unless a large one grew it (the padding's bytes need not be zero).
  constexpr std::size_t kKeptCopyBytes = 1 << 20;
  thread_local std::string copy;
  if (copy.capacity() > kKeptCopyBytes) std::string().swap(copy);
  copy.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  copy.assign(body);
  simdjson::padded_string_view padded(copy.data(), copy.size(), copy.capacity());
  InspectedRequest inspected;
  bool has_model = false;
  try {
    simdjson::ondemand::document document = parser.iterate(padded);
    simdjson::ondemand::object object = document.get_object();
    for (auto field : object) {
      std::string_view key = field.unescaped_key();
      if (key == "model") {
        auto value = field.value();
        std::string_view raw = value.raw_json_token();
        std::string_view text = value.get_string();
        inspected.model = std::string(text);
        // raw_json_token points into the padded copy; the offset is the same in `body`.
        inspected.model_offset = static_cast<std::size_t>(raw.data() - copy.data());
        std::size_t length = raw.size();
        while (length > 0 && raw[length - 1] != '"') --length;  // trailing whitespace
        inspected.model_length = length;
        has_model = true;
      } else if (key == "user") {
        // OpenAI's end-user id: what an A/B deployment keeps sticky (deployment_routes.hpp).
        std::string_view user;
        if (!field.value().get_string().get(user)) inspected.user = std::string(user);
      } else if (key == "stream") {
        auto value = field.value();
        simdjson::ondemand::json_type type;
        if (value.type().get(type) || (type != simdjson::ondemand::json_type::boolean &&
                                       type != simdjson::ondemand::json_type::null)) {
          // Read as false, a "yes" would get a whole answer the caller's client cannot parse.
          error = "stream must be true or false";
          return std::nullopt;
        }
        bool flag = false;
        if (!value.get_bool().get(flag)) inspected.stream = flag;
      } else if (key == "stream_options") {
        simdjson::ondemand::object options;
        if (!field.value().get_object().get(options)) {
          for (auto option : options) {
            if (std::string_view(option.unescaped_key()) == "include_usage") {
              bool flag = false;
              if (!option.value().get_bool().get(flag)) inspected.include_usage = flag;
            }
          }
        }
      }
    }
  } catch (const simdjson::simdjson_error& failure) {
    error = has_model ? std::string("the request body is not valid JSON: ") + failure.what()
                      : "the request body must be a JSON object with a string \"model\"";
    return std::nullopt;
  }
  if (!has_model) {
    error = "you must provide a model parameter";
    return std::nullopt;
  }
  return inspected;
}

std::string body_with_model(std::string_view body, const InspectedRequest& inspected,
                            std::string_view upstream_model) {
  std::string out;
  out.reserve(body.size() + upstream_model.size() + 8);
  out.append(body.substr(0, inspected.model_offset));
  out += '"';
  for (char c : upstream_model) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  out.append(body.substr(inspected.model_offset + inspected.model_length));
  return out;
}

}  // namespace reinforge::gateway
