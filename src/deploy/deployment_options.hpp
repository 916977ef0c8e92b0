#pragma once
// A deployment's settings beyond its routes (docs/deployment.md): the share of traces graded
// online and the guard. Stored as the deployment's options_json; read on deploy and on PATCH.
#include <nlohmann/json.hpp>

#include "deploy/arm_comparison.hpp"

namespace reinforge::deploy {

struct DeploymentOptions {
  double score_share = 0.1;  // of each arm's traces graded in the background; 0 = off
  GuardOptions guard;
};

// `body`'s "online_scoring" and "guard" over `current`; throws DeployError (400) naming the
// field. Fields left out keep their current value.
DeploymentOptions read_deployment_options(const nlohmann::json& body,
                                          DeploymentOptions current = {});
DeploymentOptions deployment_options_from_json(const std::string& options_json);
nlohmann::json deployment_options_json(const DeploymentOptions& options);

}  // namespace reinforge::deploy
