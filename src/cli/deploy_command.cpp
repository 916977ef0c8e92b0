// `reinforge deploy`: step 7 from the command line (docs/deployment.md). Writes to the store; a
// server running on the same data directory applies the change within a second.
#include <iostream>

#include "access/cli_audit.hpp"
#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/server_config.hpp"
#include "cli/store_option.hpp"
#include "deploy/deployment_actions.hpp"
#include "store/deployment_store.hpp"

namespace reinforge::cli {

namespace {

void print(const store::Deployment& deployment, bool json) {
  if (json) {
    std::cout << deploy::deployment_json(deployment).dump() << "\n";
    return;
  }
  std::cout << deployment.id << "\t" << deployment.state << "\t" << deployment.mode << "\t"
            << deployment.base_model << " -> " << deployment.tuned_model;
  if (!deployment.endpoint.empty()) std::cout << " as " << deployment.endpoint;
  if (deployment.mode == "ab") std::cout << " (" << deployment.share_bp / 100.0 << "% of callers)";
  std::cout << "\n";
}

}  // namespace

int run_deploy_command(const std::vector<std::string>& args) {
  Arguments arguments(args, {"guard"});
  arguments.reject_unknown({"data-dir", "store", "model", "mode", "base", "share", "endpoint", "provider",
                            "config", "format", "score-share", "guard"});
  bool json = arguments.option_or("format", "text") == "json";
  const auto location = store_location(arguments);
  auto store = store::open_deployment_store(location);
  auto audit = [&](const char* action, const char* command, const store::Deployment& deployment) {
    access::audit_cli_change(*store::open_access_store(location), action, command,
                             "{\"id\":\"" + std::to_string(deployment.id) + "\"}");
    return deployment;
  };
  const auto& positionals = arguments.positionals();
  std::string action = positionals.empty() ? "" : positionals[0];
  // list and rollback take none of a deployment's options: given, they would be ignored.
  if (action == "list" || action == "rollback") {
    for (const char* option : {"model", "mode", "share", "endpoint", "provider", "score-share"}) {
      if (arguments.option(option))
        throw UsageError("deploy " + action + " takes no --" + option);
    }
    if (arguments.flag("guard")) throw UsageError("deploy " + action + " takes no --guard");
    if (action == "list" && arguments.option("base"))
      throw UsageError("deploy list takes no --base: it lists every deployment");
  }
  try {
    if (action == "list") {
      for (const auto& deployment : store->list_deployments(false)) print(deployment, json);
      return 0;
    }
    if (action == "rollback") {
      auto base = arguments.option("base");
      if (!base)
        throw UsageError(
            "deploy rollback needs --base MODEL: the model whose deployment to roll back");
      for (const auto& deployment : store->list_deployments(true)) {
        if (deployment.base_model == *base) {
          print(audit("deployment.rollback", "deploy rollback",
                      deploy::roll_back(*store, deployment.id, "rolled back from the command line")),
                json);
          return 0;
        }
      }
      std::cerr << "reinforge deploy: no active deployment routes " << *base << "\n";
      return 1;
    }
    if (!action.empty())
      throw UsageError("unknown action '" + action + "': list, rollback, or none to deploy");
    nlohmann::json body{{"mode", arguments.option_or("mode", "")},
                        {"tuned_model", arguments.option_or("model", "")},
                        {"base_model", arguments.option_or("base", "")}};
    if (auto endpoint = arguments.option("endpoint")) body["endpoint"] = *endpoint;
    if (auto provider = arguments.option("provider")) body["provider"] = *provider;
    if (auto share = arguments.option("share")) {
      try {
        body["share"] = std::stod(*share);
      } catch (const std::exception&) {
        throw UsageError("--share must be a number such as 0.2");
      }
    }
    if (auto share = arguments.option("score-share")) {
      try {
        body["online_scoring"] = {{"share", std::stod(*share)}};
      } catch (const std::exception&) {
        throw UsageError("--score-share must be a number such as 0.1");
      }
    }
    if (arguments.flag("guard")) body["guard"] = {{"enabled", true}};
    auto request = deploy::read_deploy_request(body);
    auto traces = store::open_trace_store(location);
    print(audit("deployment.create", "deploy",
                deploy::deploy(*store, gateway_config_option(arguments), request,
                               deploy::called_before_in(*traces))),
          json);
    return 0;
  } catch (const deploy::DeployError& error) {
    std::cerr << "reinforge deploy: " << error.what() << "\n";
    return error.status == 400 ? 2 : 1;
  }
}

}  // namespace reinforge::cli
