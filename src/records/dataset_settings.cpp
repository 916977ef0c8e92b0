#include "records/dataset_settings.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace reinforge::records {

DatasetSettings settings_from_json(const std::string& text) {
  DatasetSettings settings;
  auto json = nlohmann::json::parse(text.empty() ? "{}" : text, nullptr, false);
  if (!json.is_object()) throw std::invalid_argument("settings must be a JSON object");
  if (json.contains("encoding")) {
    auto name = json["encoding"].is_string() ? json["encoding"].get<std::string>() : "";
    auto encoding = tokenize::encoding_from_string(name);
    if (!encoding) {
      throw std::invalid_argument("settings.encoding must be o200k_base or cl100k_base");
    }
    settings.validation.encoding = *encoding;
  }
  if (json.contains("max_tokens")) {
    const auto& value = json["max_tokens"];
    if (!value.is_number_integer() || value.get<int64_t>() < 1) {
      throw std::invalid_argument("settings.max_tokens must be a positive integer");
    }
    settings.validation.max_tokens = value.get<std::size_t>();
  }
  return settings;
}

std::string settings_to_json(const DatasetSettings& settings) {
  return nlohmann::json{{"encoding", tokenize::to_string(settings.validation.encoding)},
                        {"max_tokens", settings.validation.max_tokens}}
      .dump();
}

}  // namespace reinforge::records
