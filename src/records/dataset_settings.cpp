#include "records/dataset_settings.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace reinforge::records {

namespace {

std::optional<std::string> model_name(const nlohmann::json& json, const std::string& key) {
  if (!json.contains(key) || json[key].is_null()) return std::nullopt;
  if (!json[key].is_string()) throw std::invalid_argument("settings." + key + " must be a model name or null");
  auto name = json[key].get<std::string>();
  auto first = name.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return std::nullopt;
  name = name.substr(first, name.find_last_not_of(" \t\r\n") - first + 1);
  if (name.size() > 200) throw std::invalid_argument("settings." + key + " is longer than 200 characters");
  return name;
}

nlohmann::json or_null(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

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
  settings.topic_models.embedding_model = model_name(json, "embedding_model");
  settings.topic_models.labeling_model = model_name(json, "labeling_model");
  settings.generation_model = model_name(json, "generation_model");
  return settings;
}

std::string settings_to_json(const DatasetSettings& settings) {
  return nlohmann::json{{"encoding", tokenize::to_string(settings.validation.encoding)},
                        {"max_tokens", settings.validation.max_tokens},
                        {"embedding_model", or_null(settings.topic_models.embedding_model)},
                        {"labeling_model", or_null(settings.topic_models.labeling_model)},
                        {"generation_model", or_null(settings.generation_model)}}
      .dump();
}

}  // namespace reinforge::records
