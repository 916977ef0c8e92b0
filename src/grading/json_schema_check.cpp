#include "grading/json_schema_check.hpp"

namespace reinforge::grading {

namespace {

bool has_type(const nlohmann::json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "number") return value.is_number();
  if (type == "integer") return value.is_number_integer() || (value.is_number_float() && value.get<double>() == static_cast<double>(static_cast<long long>(value.get<double>())));
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  return true;
}

std::string check(const nlohmann::json& value, const nlohmann::json& schema, const std::string& path) {
  if (!schema.is_object()) return "";
  if (schema.contains("type")) {
    const auto& type = schema["type"];
    bool ok = false;
    if (type.is_string()) ok = has_type(value, type.get<std::string>());
    if (type.is_array()) {
      for (const auto& one : type) ok = ok || (one.is_string() && has_type(value, one.get<std::string>()));
    }
    if (!ok) return path + ": expected " + type.dump() + ", got " + std::string(value.type_name());
  }
  if (schema.contains("const") && value != schema["const"]) return path + ": must be " + schema["const"].dump();
  if (schema.contains("enum") && schema["enum"].is_array()) {
    bool listed = false;
    for (const auto& option : schema["enum"]) listed = listed || option == value;
    if (!listed) return path + ": must be one of " + schema["enum"].dump();
  }
  if (schema.contains("anyOf") && schema["anyOf"].is_array()) {
    bool any = false;
    for (const auto& option : schema["anyOf"]) any = any || check(value, option, path).empty();
    if (!any) return path + ": matches none of anyOf";
  }
  if (value.is_number()) {
    double number = value.get<double>();
    if (schema.contains("minimum") && number < schema["minimum"].get<double>()) return path + ": below " + schema["minimum"].dump();
    if (schema.contains("maximum") && number > schema["maximum"].get<double>()) return path + ": above " + schema["maximum"].dump();
  }
  if (value.is_string()) {
    auto length = value.get_ref<const std::string&>().size();
    if (schema.contains("minLength") && length < schema["minLength"].get<size_t>()) return path + ": shorter than " + schema["minLength"].dump();
    if (schema.contains("maxLength") && length > schema["maxLength"].get<size_t>()) return path + ": longer than " + schema["maxLength"].dump();
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<size_t>()) return path + ": fewer than " + schema["minItems"].dump() + " items";
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<size_t>()) return path + ": more than " + schema["maxItems"].dump() + " items";
    if (schema.contains("items")) {
      for (size_t i = 0; i < value.size(); ++i) {
        auto problem = check(value[i], schema["items"], path + "[" + std::to_string(i) + "]");
        if (!problem.empty()) return problem;
      }
    }
  }
  if (value.is_object()) {
    if (schema.contains("required") && schema["required"].is_array()) {
      for (const auto& name : schema["required"]) {
        if (name.is_string() && !value.contains(name.get<std::string>())) return path + ": missing required " + name.dump();
      }
    }
    const auto properties = schema.value("properties", nlohmann::json::object());
    for (const auto& [name, member] : value.items()) {
      if (properties.contains(name)) {
        auto problem = check(member, properties[name], path + "." + name);
        if (!problem.empty()) return problem;
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"] == false) {
        return path + ": unexpected property \"" + name + "\"";
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object()) {
        auto problem = check(member, schema["additionalProperties"], path + "." + name);
        if (!problem.empty()) return problem;
      }
    }
  }
  return "";
}

}  // namespace

std::string first_schema_violation(const nlohmann::json& value, const nlohmann::json& schema) {
  return check(value, schema, "$");
}

}  // namespace reinforge::grading
