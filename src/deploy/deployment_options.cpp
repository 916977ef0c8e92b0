#include "deploy/deployment_options.hpp"

#include "deploy/deployment_actions.hpp"

namespace reinforge::deploy {

namespace {

const nlohmann::json* object_field(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return nullptr;
  if (!body[name].is_object())
    throw DeployError(400, "bad_request", std::string(name) + " must be an object");
  return &body[name];
}

int64_t count_field(const nlohmann::json& object, const std::string& where, const char* name,
                    int64_t current) {
  if (!object.contains(name)) return current;
  const auto& value = object[name];
  if (!value.is_number_integer() || value.get<int64_t>() < 1 || value.get<int64_t>() > 1'000'000)
    throw DeployError(400, "bad_request",
                      where + "." + name + " must be a whole number from 1 to 1000000");
  return value.get<int64_t>();
}

}  // namespace

DeploymentOptions read_deployment_options(const nlohmann::json& body, DeploymentOptions current) {
  if (const auto* scoring = object_field(body, "online_scoring");
      scoring && scoring->contains("share")) {
    const auto& share = (*scoring)["share"];
    if (!share.is_number() || share.get<double>() < 0 || share.get<double>() > 1)
      throw DeployError(400, "bad_request",
                        "online_scoring.share must be from 0 (off) to 1 (every trace)");
    current.score_share = share.get<double>();
  }
  if (const auto* guard = object_field(body, "guard")) {
    if (guard->contains("enabled")) {
      if (!(*guard)["enabled"].is_boolean())
        throw DeployError(400, "bad_request", "guard.enabled must be true or false");
      current.guard.enabled = (*guard)["enabled"].get<bool>();
    }
    current.guard.min_calls = count_field(*guard, "guard", "min_calls", current.guard.min_calls);
    current.guard.min_scores = count_field(*guard, "guard", "min_scores", current.guard.min_scores);
    if (guard->contains("confidence")) {
      const auto& confidence = (*guard)["confidence"];
      if (!confidence.is_number() || confidence.get<double>() < 0.5 ||
          confidence.get<double>() > 0.999)
        throw DeployError(400, "bad_request", "guard.confidence must be from 0.5 to 0.999");
      current.guard.confidence = confidence.get<double>();
    }
  }
  return current;
}

DeploymentOptions deployment_options_from_json(const std::string& options_json) {
  auto parsed = nlohmann::json::parse(options_json, nullptr, false);
  if (!parsed.is_object()) return {};
  try {
    return read_deployment_options(parsed);
  } catch (const DeployError&) {
    return {};  // only this code writes the column; an unreadable one means the defaults
  }
}

nlohmann::json deployment_options_json(const DeploymentOptions& options) {
  return {{"online_scoring", {{"share", options.score_share}}},
          {"guard",
           {{"enabled", options.guard.enabled},
            {"min_calls", options.guard.min_calls},
            {"min_scores", options.guard.min_scores},
            {"confidence", options.guard.confidence}}}};
}

}  // namespace reinforge::deploy
