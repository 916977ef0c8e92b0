// The route table and the sticky A/B choice: pure, so they are checked over many callers.
#include "gateway/deployment_routes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "deploy/deployment_actions.hpp"

using namespace reinforge;
using gateway::route_call;
using gateway::RouteTable;

namespace {

store::Deployment deployment(int64_t id, std::string mode, std::string base, std::string tuned,
                             int64_t share_bp = 0, std::string endpoint = "") {
  store::Deployment d;
  d.id = id;
  d.mode = std::move(mode);
  d.base_model = std::move(base);
  d.tuned_model = std::move(tuned);
  d.share_bp = share_bp;
  d.endpoint = std::move(endpoint);
  return d;
}

}  // namespace

TEST(DeploymentRoutes, replace_sends_every_call_for_the_base_model_to_the_tuned_one) {
  RouteTable table({deployment(1, "replace", "support", "ft:support-v2")});
  auto call = route_call(table, "support", "anyone");
  EXPECT_EQ(call.model, "ft:support-v2");
  EXPECT_TRUE(call.tuned);
  EXPECT_EQ(call.arm, "tuned");
  EXPECT_EQ(*call.deployment_id, 1);
  auto other = route_call(table, "other-model", "anyone");
  EXPECT_EQ(other.model, "other-model");
  EXPECT_FALSE(other.deployment_id);
}

TEST(DeploymentRoutes, an_endpoint_is_a_new_name_and_leaves_the_base_model_alone) {
  RouteTable table({deployment(2, "endpoint", "support", "ft:support-v2", 0, "support-tuned")});
  EXPECT_EQ(route_call(table, "support-tuned", "u").model, "ft:support-v2");
  EXPECT_EQ(route_call(table, "support", "u").model, "support");
  EXPECT_EQ(table.endpoints(), std::vector<std::string>{"support-tuned"});
}

TEST(DeploymentRoutes, ab_keeps_each_caller_on_one_arm_and_sends_the_share_to_the_tuned_one) {
  RouteTable table({deployment(3, "ab", "support", "ft:support-v2", 3000)});
  int tuned_callers = 0;
  const int callers = 4000;
  for (int user = 0; user < callers; ++user) {
    std::string key = "user-" + std::to_string(user);
    auto first = route_call(table, "support", key);
    for (int again = 0; again < 3; ++again)
      EXPECT_EQ(route_call(table, "support", key).arm, first.arm);
    tuned_callers += first.tuned;
  }
  EXPECT_NEAR(static_cast<double>(tuned_callers) / callers, 0.30, 0.025);
  // Another deployment reshuffles who is in which arm.
  int same = 0;
  for (int user = 0; user < 1000; ++user) {
    std::string key = "user-" + std::to_string(user);
    same += (gateway::sticky_bucket(3, key) < 3000) == (gateway::sticky_bucket(4, key) < 3000);
  }
  EXPECT_LT(same, 900);
}

TEST(DeploymentRequests, each_bad_field_is_named) {
  struct Case {
    nlohmann::json body;
    std::string field;
  };
  std::vector<Case> cases = {
      {{{"mode", "shadow"}, {"base_model", "b"}, {"tuned_model", "t"}}, "mode"},
      {{{"mode", "replace"}, {"tuned_model", "t"}}, "base_model"},
      {{{"mode", "replace"}, {"base_model", "b"}}, "tuned_model"},
      {{{"mode", "endpoint"}, {"base_model", "b"}, {"tuned_model", "t"}}, "endpoint"},
      {{{"mode", "ab"}, {"base_model", "b"}, {"tuned_model", "t"}}, "share"},
      {{{"mode", "ab"}, {"base_model", "b"}, {"tuned_model", "t"}, {"share", 1.0}}, "share"},
      {{{"mode", "ab"}, {"base_model", "b"}, {"tuned_model", "t"}, {"share", 0}}, "share"},
      {{{"mode", "replace"}, {"base_model", "b"}, {"tuned_model", "t"}, {"share", 0.5}}, "share"},
  };
  for (const auto& test : cases) {
    try {
      deploy::read_deploy_request(test.body);
      ADD_FAILURE() << test.body.dump() << " was accepted";
    } catch (const deploy::DeployError& error) {
      EXPECT_EQ(error.status, 400);
      EXPECT_NE(std::string(error.what()).find(test.field), std::string::npos) << error.what();
    }
  }
}
