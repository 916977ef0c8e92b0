#pragma once
// A dataset's settings (settings_json in the store): what its records are validated against.
#include <string>

#include "health/record_validator.hpp"

namespace reinforge::records {

struct DatasetSettings {
  health::ValidationOptions validation;
};

// Missing keys keep their defaults; a wrong value throws std::invalid_argument with a message
// for the person who sent it.
DatasetSettings settings_from_json(const std::string& json);
std::string settings_to_json(const DatasetSettings& settings);

}  // namespace reinforge::records
