#include "protocols/json_members.hpp"

namespace reinforge::protocols {

const nlohmann::json* member(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto found = object.find(key);
  return found == object.end() || found->is_null() ? nullptr : &*found;
}

std::string string_member(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = member(object, key);
  return value && value->is_string() ? value->get<std::string>() : std::string();
}

}  // namespace reinforge::protocols
