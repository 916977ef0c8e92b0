#pragma once
// A dataset's settings (settings_json in the store): what its records are validated against,
// and the models topic discovery and categorization call when set (PRODUCT.md §4).
#include <optional>
#include <string>

#include "health/record_validator.hpp"

namespace reinforge::records {

// Model names as the gateway knows them (docs/configuration.md); none: the offline method.
struct TopicModelSettings {
  std::optional<std::string> embedding_model;  // vectors for clustering and categorization
  std::optional<std::string> labeling_model;   // chat model that names and describes topics
};

struct DatasetSettings {
  health::ValidationOptions validation;
  TopicModelSettings topic_models;
  std::optional<std::string> generation_model;  // chat model that writes records for coverage gaps
};

// Missing keys keep their defaults; a wrong value throws std::invalid_argument with a message
// for the person who sent it. A model setting that is null or blank means none. Whether a
// provider serves the model is checked by the API, which knows the provider config.
DatasetSettings settings_from_json(const std::string& json);
std::string settings_to_json(const DatasetSettings& settings);

}  // namespace reinforge::records
