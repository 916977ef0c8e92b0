#include "grading/prompt_template.hpp"

#include <cctype>

namespace reinforge::grading {

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool is_known(std::string_view name) {
  return name == "reference" || name == "objective" || name == "sample.output_text" ||
         name == "sample.output_json" || name == "sample.tool_calls" || name == "item" ||
         (name.size() > 5 && name.substr(0, 5) == "item.");
}

std::string as_text(const nlohmann::json& value) {
  if (value.is_null()) return "";
  return value.is_string() ? value.get<std::string>() : value.dump();
}

const nlohmann::json* lookup(const nlohmann::json& root, std::string_view path) {
  const nlohmann::json* at = &root;
  while (!path.empty()) {
    auto dot = path.find('.');
    auto key = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    if (at->is_object()) {
      auto found = at->find(std::string(key));
      if (found == at->end()) return nullptr;
      at = &*found;
    } else if (at->is_array() && !key.empty() && std::isdigit(static_cast<unsigned char>(key[0]))) {
      size_t index = std::stoul(std::string(key));
      if (index >= at->size()) return nullptr;
      at = &(*at)[index];
    } else {
      return nullptr;
    }
  }
  return at;
}

std::string value_of(std::string_view name, const GradeInput& input) {
  if (name == "reference") return reference_text(input);
  if (name == "objective") return input.objective;
  if (name == "sample.output_text") return input.sample.output_text;
  if (name == "sample.output_json") return as_text(sample_to_json(input.sample)["output_json"]);
  if (name == "sample.tool_calls") return tool_calls_to_json(input.sample.tool_calls).dump();
  if (name == "item") return input.item.dump();
  const auto* value = lookup(input.item, name.substr(5));
  return value ? as_text(*value) : "";
}

template <typename OnVariable>
std::string scan(std::string_view text, OnVariable on_variable) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    auto open = text.find("{{", at);
    auto close = open == std::string_view::npos ? open : text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      out.append(text.substr(at));
      break;
    }
    out.append(text.substr(at, open - at));
    auto name = trimmed(text.substr(open + 2, close - open - 2));
    out += on_variable(name, text.substr(open, close + 2 - open));
    at = close + 2;
  }
  return out;
}

}  // namespace

std::string render_template(std::string_view text, const GradeInput& input) {
  return scan(text, [&](std::string_view name, std::string_view raw) {
    return is_known(name) ? value_of(name, input) : std::string(raw);
  });
}

std::vector<std::string> unknown_template_variables(std::string_view text) {
  std::vector<std::string> unknown;
  scan(text, [&](std::string_view name, std::string_view) {
    if (!is_known(name)) unknown.emplace_back(name);
    return std::string();
  });
  return unknown;
}

}  // namespace reinforge::grading
