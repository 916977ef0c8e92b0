// Every route the server registers has one access rule, and each role gets exactly what the
// rule says: the server is assembled as `reinforge serve` assembles it, then every route is
// asked for by a user of each role (docs/access.md).
#include "access/route_rules.hpp"

#include <gtest/gtest.h>

#include <set>

#include "access/access_control.hpp"
#include "api/routes.hpp"
#include "gateway/gateway.hpp"
#include "gateway/gateway_keys.hpp"
#include "support/temp_dir.hpp"
#include "util/secure_token.hpp"

namespace reinforge::access {
namespace {

struct AssembledServer {
  explicit AssembledServer(const std::filesystem::path& dir)
      : store(store::open_sqlite_store(dir)),
        models(gateway::GatewayConfig{}),
        jobs(*store, 1),
        training_runs(store::open_sqlite_training_store(dir)),
        training{*training_runs, dir, ""},
        deployments(store::open_sqlite_deployment_store(dir)),
        users(store::open_sqlite_access_store(dir)),
        access(*users, util::sha256_hex("admin-token")),
        context{*store,       jobs,   dir, models, store::open_sqlite_trace_store(dir), training,
                util::sha256_hex("admin-token"), deployments.get(), &access},
        gateway(gateway::GatewayConfig{}, store::StoreLocation{dir, ""}, util::sha256_hex("admin-token")) {
    api::register_api_routes(router, context);
    http::ServerOptions options;
    gateway.install(options, router);
  }

  std::unique_ptr<store::Store> store;
  steps::JobModels models;
  jobs::JobRunner jobs;
  std::unique_ptr<store::TrainingStore> training_runs;
  steps::TrainingJobServices training;
  std::unique_ptr<store::DeploymentStore> deployments;
  std::unique_ptr<store::AccessStore> users;
  AccessControl access;
  api::AppContext context;
  gateway::Gateway gateway;
  http::Router router;
};

std::string route_name(const http::Router::Registered& route) { return route.method + " " + route.pattern; }

class RouteRules : public ::testing::Test {
 protected:
  reinforge::testing::TempDir temp;
  AssembledServer server{temp.path()};

  // An API token for a new user of `role`; returns the token.
  std::string token_for(Role role) {
    auto user = server.users->create_user(std::string(role_name(role)) + "-user", std::string(role_name(role)), "");
    std::string secret = util::generate_secret("rf_pat_");
    store::ApiToken token;
    token.user_id = user.id;
    token.name = "walk";
    token.prefix = secret.substr(0, 14);
    token.token_sha256 = util::sha256_hex(secret);
    server.users->create_token(token);
    return secret;
  }

  std::optional<http::Response> ask(const http::Router::Registered& route, const std::string& token) {
    http::Request request;
    request.method = route.method;
    request.path = route.pattern;
    if (!token.empty()) request.headers["authorization"] = "Bearer " + token;
    return server.access.admit(request, route.pattern);
  }
};

TEST_F(RouteRules, EveryRegisteredRouteHasARuleAndEveryRuleARoute) {
  auto routes = server.router.routes();
  ASSERT_GT(routes.size(), 80u);
  std::set<std::string> registered;
  for (const auto& route : routes) {
    registered.insert(route_name(route));
    EXPECT_TRUE(find_route_rule(route.method, route.pattern))
        << route_name(route) << " has no rule in src/access/route_rules.cpp: add one";
  }
  for (const auto& rule : route_rules()) {
    EXPECT_TRUE(registered.count(std::string(rule.method) + " " + std::string(rule.pattern)))
        << "the rule for " << rule.method << " " << rule.pattern << " names no route";
  }
}

TEST_F(RouteRules, EachRoleReachesExactlyTheRoutesItsRuleAllows) {
  std::map<Role, std::string> tokens;
  for (Role role : {Role::viewer, Role::editor, Role::admin}) tokens[role] = token_for(role);

  for (const auto& route : server.router.routes()) {
    const RouteRule* rule = find_route_rule(route.method, route.pattern);
    ASSERT_TRUE(rule) << route_name(route);
    auto needed = required_role(rule->access);
    auto anonymous = ask(route, "");
    if (!needed) {
      EXPECT_FALSE(anonymous) << route_name(route) << " takes no user, so nobody is refused";
      continue;
    }
    ASSERT_TRUE(anonymous) << route_name(route) << " let a request without credentials through";
    EXPECT_EQ(anonymous->status, 401) << route_name(route);
    for (const auto& [role, token] : tokens) {
      auto refusal = ask(route, token);
      if (allows(role, *needed)) {
        EXPECT_FALSE(refusal) << role_name(role) << " was refused " << route_name(route);
      } else {
        ASSERT_TRUE(refusal) << role_name(role) << " reached " << route_name(route);
        EXPECT_EQ(refusal->status, 403) << route_name(route);
      }
    }
  }
}

TEST_F(RouteRules, ViewersReadEverythingButChangeNothingAndEditorsManageNoKeysUsersOrDeployments) {
  for (const auto& route : server.router.routes()) {
    auto needed = required_role(find_route_rule(route.method, route.pattern)->access);
    if (!needed || route.pattern.rfind("/api/", 0) != 0) continue;
    bool own_account = route.pattern.rfind("/api/auth/", 0) == 0 || route.pattern.rfind("/api/tokens", 0) == 0 ||
                       route.pattern == "/api/session/password";
    if (route.method == "GET" && route.pattern != "/api/users") {
      EXPECT_EQ(*needed, Role::viewer) << route_name(route);
    } else if (!own_account) {
      EXPECT_NE(*needed, Role::viewer) << route_name(route) << " lets a viewer change something";
    }
    bool admin_area = route.pattern.rfind("/api/users", 0) == 0 || route.pattern.rfind("/api/gateway-keys", 0) == 0 ||
                      route.pattern.rfind("/api/deployments", 0) == 0;
    if (admin_area && route.method != "GET") {
      EXPECT_EQ(*needed, Role::admin) << route_name(route);
    }
  }
}

// Issue 16's list of changes the audit log must show, each with the action it is logged as.
TEST(AuditedActions, EveryKindOfChangeTheTeamAsksAboutHasAnAction) {
  struct Expected {
    const char* method;
    const char* pattern;
    const char* action;
  };
  const Expected expected[] = {
      {"POST", "/api/datasets", "dataset.create"},
      {"DELETE", "/api/datasets/:id", "dataset.delete"},
      {"PUT", "/api/datasets/:id/records/:rid", "record.edit"},
      {"DELETE", "/api/datasets/:id/records/:rid", "record.delete"},
      {"PUT", "/api/datasets/:id/topics", "topics.save"},
      {"POST", "/api/datasets/:id/topics/discover", "topics.discover"},
      {"PUT", "/api/datasets/:id/grader", "grader.save"},
      {"POST", "/api/datasets/:id/dry-run", "dry_run.start"},
      {"POST", "/api/datasets/:id/training", "training.start"},
      {"POST", "/api/training/runs/:run/cancel", "training.cancel"},
      {"POST", "/api/deployments", "deployment.create"},
      {"POST", "/api/deployments/:id/rollback", "deployment.rollback"},
      {"POST", "/api/gateway-keys", "gateway_key.create"},
      {"DELETE", "/api/gateway-keys/:id", "gateway_key.revoke"},
      {"POST", "/api/users", "user.create"},
      {"PATCH", "/api/users/:id", "user.update"},
      {"DELETE", "/api/users/:id", "user.remove"},
  };
  for (const auto& change : expected) {
    const RouteRule* rule = find_route_rule(change.method, change.pattern);
    ASSERT_TRUE(rule) << change.method << " " << change.pattern;
    EXPECT_EQ(rule->action, change.action) << change.method << " " << change.pattern;
  }
  for (const auto& rule : route_rules()) {
    if (rule.method != "GET" && rule.access != RouteAccess::trainer_token && rule.pattern != "/api/datasets/:id/training/preflight") {
      EXPECT_FALSE(rule.action.empty()) << rule.method << " " << rule.pattern << " changes something but is not audited";
    }
  }
}

TEST_F(RouteRules, AGatewayKeyIsRefusedUnderApi) {
  auto issued = gateway::issue_gateway_key(*server.context.traces, "walk");
  http::Router::Registered session{"GET", "/api/session"};
  auto refusal = ask(session, issued.secret);
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->status, 401);
}

}  // namespace
}  // namespace reinforge::access
