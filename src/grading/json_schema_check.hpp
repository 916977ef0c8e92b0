#pragma once
// A JSON Schema check for the "valid JSON / matches a schema" preset. It covers the keywords
// structured outputs use (type, properties, required, additionalProperties, items, enum, const,
// minimum/maximum, minLength/maxLength, minItems/maxItems, anyOf); others are ignored.
#include <nlohmann/json.hpp>
#include <string>

namespace reinforge::grading {

// Empty when `value` conforms; otherwise the first violation with its JSON path ("$.a[2]: ...").
std::string first_schema_violation(const nlohmann::json& value, const nlohmann::json& schema);

}  // namespace reinforge::grading
