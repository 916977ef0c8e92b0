// Deployments end to end: the real server's gateway in front of a local upstream that answers
// with the name of the model it was asked for, so every call shows which arm served it.
#include <atomic>
#include <set>
#include <thread>

#include "api/api_test_fixture.hpp"
#include "providers/fake_upstream.hpp"
#include "support/command_run.hpp"

namespace reinforge::testing {
namespace {

class DeploymentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = nlohmann::json{
        {"providers", {{{"name", "local"}, {"base_url", upstream.base_url()}}}},
        {"models", {{{"name", "support"}, {"provider", "local"}, {"upstream_model", "base-llm"}}}}};
    write_file(temp.path() / "gateway.json", config.dump());
    start();
  }

  void start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--config", (temp.path() / "gateway.json").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    server = std::make_unique<ServerProcess>(temp.path() / "data", kAdminToken, args);
    client = std::make_unique<HttpClient>(server->base_url(), kAdminToken);
  }

  // The model the upstream was asked for, as the gateway's caller sees it ("" when the call
  // failed, with its answer in `failure`).
  std::string answer_of(const std::string& model, const std::string& user,
                        std::string* failure = nullptr) {
    nlohmann::json body{{"model", model}, {"messages", {{{"role", "user"}, {"content", "hi"}}}}};
    if (!user.empty()) body["user"] = user;
    auto result = client->post("/v1/chat/completions", body.dump());
    if (result.status != 200) {
      if (failure) *failure = std::to_string(result.status) + " " + result.body;
      return "";
    }
    return nlohmann::json::parse(result.body)["choices"][0]["message"]["content"];
  }

  std::string answered_by(const std::string& model, const std::string& user = "") {
    std::string failure;
    auto answer = answer_of(model, user, &failure);
    EXPECT_FALSE(answer.empty()) << failure;
    return answer;
  }

  nlohmann::json deploy(const nlohmann::json& body, int expected = 201) {
    auto result = client->post("/api/deployments", body.dump());
    EXPECT_EQ(result.status, expected) << result.body;
    return nlohmann::json::parse(result.body);
  }

  // Deployments apply through the gateway's route table within a second.
  void wait_for_route(const std::string& model, const std::string& expected) {
    for (int i = 0; i < 40; ++i) {
      if (answer_of(model, "") == expected) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << model << " was never answered by " << expected;
  }

  FakeUpstream upstream{[](const FakeRequest& request) {
    return chat_completion_response(request.json().value("model", "?"));
  }};
  TempDir temp;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<HttpClient> client;
};

TEST_F(DeploymentsTest, replace_routes_the_base_model_to_the_tuned_one_until_rolled_back) {
  EXPECT_EQ(answered_by("support"), "base-llm");
  auto deployment =
      deploy({{"mode", "replace"}, {"base_model", "support"}, {"tuned_model", "ft:support-v2"}});
  wait_for_route("support", "ft:support-v2");
  auto rolled_back = client->post(
      "/api/deployments/" + std::to_string(deployment["id"].get<int64_t>()) + "/rollback", "");
  ASSERT_EQ(rolled_back.status, 200) << rolled_back.body;
  EXPECT_EQ(nlohmann::json::parse(rolled_back.body)["state"], "rolled_back");
  wait_for_route("support", "base-llm");
  EXPECT_EQ(client
                ->post("/api/deployments/" + std::to_string(deployment["id"].get<int64_t>()) +
                           "/rollback",
                       "")
                .status,
            409);
}

TEST_F(DeploymentsTest, an_endpoint_is_listed_in_models_and_the_base_model_is_untouched) {
  deploy({{"mode", "endpoint"},
          {"base_model", "support"},
          {"tuned_model", "ft:support-v2"},
          {"endpoint", "support-tuned"}});
  wait_for_route("support-tuned", "ft:support-v2");
  EXPECT_EQ(answered_by("support"), "base-llm");
  auto models = nlohmann::json::parse(client->get("/v1/models").body);
  std::set<std::string> names;
  for (const auto& model : models["data"]) names.insert(model["id"]);
  EXPECT_TRUE(names.count("support-tuned"));
}

TEST_F(DeploymentsTest, ab_keeps_each_user_on_one_arm_records_arms_and_promotes) {
  auto deployment = deploy({{"mode", "ab"},
                            {"base_model", "support"},
                            {"tuned_model", "ft:support-v2"},
                            {"share", 0.3}});
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  std::map<std::string, std::set<std::string>> arms_of;
  int tuned = 0, calls = 0;
  for (int round = 0; round < 5; ++round) {
    for (int user = 0; user < 400; ++user) {
      auto answer = answered_by("support", "user-" + std::to_string(user));
      arms_of["user-" + std::to_string(user)].insert(answer);
      tuned += answer == "ft:support-v2";
      ++calls;
    }
  }
  for (const auto& [user, arms] : arms_of) EXPECT_EQ(arms.size(), 1u) << user << " saw both arms";
  EXPECT_NEAR(static_cast<double>(tuned) / calls, 0.3, 0.04);

  auto id = std::to_string(deployment["id"].get<int64_t>());
  nlohmann::json figures;
  for (int i = 0; i < 40; ++i) {  // traces are written off the hot path
    figures = nlohmann::json::parse(client->get("/api/deployments/" + id).body);
    if (figures["arms"].value("tuned", nlohmann::json::object()).value("calls", 0) +
            figures["arms"].value("base", nlohmann::json::object()).value("calls", 0) ==
        calls)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(figures["arms"]["tuned"]["calls"], tuned);
  EXPECT_EQ(figures["arms"]["base"]["calls"], calls - tuned);
  EXPECT_EQ(figures["arms"]["tuned"]["errors"], 0);
  // No online scoring here: each arm still has its score, with nothing graded.
  for (const char* arm : {"base", "tuned"}) {
    EXPECT_EQ(figures["arms"][arm]["score"]["graded"], 0) << figures["arms"].dump();
    EXPECT_TRUE(figures["arms"][arm]["score"]["mean"].is_null()) << figures["arms"].dump();
  }

  ASSERT_EQ(client->post("/api/deployments/" + id + "/promote", "").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  for (int user = 0; user < 20; ++user)
    EXPECT_EQ(answered_by("support", "user-" + std::to_string(user)), "ft:support-v2");
}

TEST_F(DeploymentsTest, changing_deployments_under_load_fails_no_call_in_flight) {
  std::atomic<bool> done{false};
  std::atomic<int> failed{0}, served{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t) {
    callers.emplace_back([&, t] {
      HttpClient caller(server->base_url(), kAdminToken);
      for (int i = 0; !done; ++i) {
        nlohmann::json body{{"model", "support"},
                            {"user", "u" + std::to_string(t * 1000 + i)},
                            {"messages", {{{"role", "user"}, {"content", "hi"}}}}};
        auto result = caller.post("/v1/chat/completions", body.dump());
        (result.status == 200 ? served : failed)++;
      }
    });
  }
  for (int round = 0; round < 4; ++round) {
    auto ab = deploy({{"mode", "ab"},
                      {"base_model", "support"},
                      {"tuned_model", "ft:v" + std::to_string(round)},
                      {"share", 0.5}});
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto id = std::to_string(ab["id"].get<int64_t>());
    EXPECT_EQ(
        client->post("/api/deployments/" + id + (round % 2 ? "/rollback" : "/promote"), "").status,
        200);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    if (round % 2 == 0) {
      EXPECT_EQ(client->post("/api/deployments/" + id + "/rollback", "").status, 200);
    }
  }
  done = true;
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(failed, 0);
  EXPECT_GT(served, 100);
}

TEST_F(DeploymentsTest, bad_requests_are_refused_and_leave_the_routes_as_they_were) {
  deploy({{"mode", "replace"}, {"base_model", "nosuch"}, {"tuned_model", "t"}}, 400);
  deploy({{"mode", "replace"},
          {"base_model", "support"},
          {"tuned_model", "t"},
          {"provider", "nosuch"}},
         400);
  deploy({{"mode", "ab"}, {"base_model", "support"}, {"tuned_model", "t"}, {"share", 1.5}}, 400);
  deploy({{"mode", "replace"}, {"base_model", "support"}, {"tuned_model", "t"}, {"dataset_id", 999}}, 404);
  deploy({{"mode", "replace"}, {"base_model", "support"}, {"tuned_model", "t"}, {"run_id", 999}}, 404);
  deploy({{"mode", "endpoint"},
          {"base_model", "support"},
          {"tuned_model", "t"},
          {"endpoint", "support"}},
         409);
  deploy({{"mode", "replace"}, {"base_model", "support"}, {"tuned_model", "ft:a"}});
  deploy({{"mode", "ab"}, {"base_model", "support"}, {"tuned_model", "ft:b"}, {"share", 0.5}}, 409);
  EXPECT_EQ(client->post("/api/deployments/999/rollback", "").status, 404);
  wait_for_route("support", "ft:a");
}

// With a default provider every name reaches an upstream model, so none is configured: the
// recorded calls tell which names callers use.
TEST_F(DeploymentsTest, an_endpoint_never_takes_a_name_callers_use_or_another_deployments) {
  server->stop();
  auto config =
      nlohmann::json{{"providers", {{{"name", "local"}, {"base_url", upstream.base_url()}}}},
                     {"gateway", {{"default_provider", "local"}}}};
  write_file(temp.path() / "gateway.json", config.dump());
  start();
  EXPECT_EQ(answered_by("gpt-small"), "gpt-small");
  auto endpoint = [&](const std::string& name, const std::string& base, int expected) {
    return deploy({{"mode", "endpoint"},
                   {"base_model", base},
                   {"tuned_model", "ft:" + name},
                   {"endpoint", name}},
                  expected);
  };
  // Traces are written in batches: the refusal waits for the call's.
  for (int i = 0; i < 40 && client->get("/api/traces?model=gpt-small").body.find("\"items\":[]") !=
                                std::string::npos;
       ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto refused = endpoint("gpt-small", "gpt-large", 409);
  EXPECT_NE(refused["error"]["message"].get<std::string>().find("Callers already use 'gpt-small'"),
            std::string::npos)
      << refused.dump();
  EXPECT_EQ(answered_by("gpt-small"), "gpt-small");

  // A new name is taken; rolled back and deployed again, it is still the endpoints' own.
  auto first = endpoint("gpt-small-tuned", "gpt-small", 201);
  wait_for_route("gpt-small-tuned", "ft:gpt-small-tuned");
  // Its base model keeps its callers: no endpoint may take it, while an A/B test of it may run.
  endpoint("gpt-small", "gpt-large", 409);
  auto ab = deploy(
      {{"mode", "ab"}, {"base_model", "gpt-small"}, {"tuned_model", "ft:ab"}, {"share", 0.5}});
  EXPECT_EQ(
      client->post("/api/deployments/" + std::to_string(ab["id"].get<int64_t>()) + "/rollback", "")
          .status,
      200);
  EXPECT_EQ(
      client
          ->post("/api/deployments/" + std::to_string(first["id"].get<int64_t>()) + "/rollback", "")
          .status,
      200);
  endpoint("gpt-small-tuned", "gpt-small", 201);
  wait_for_route("gpt-small-tuned", "ft:gpt-small-tuned");
}

TEST_F(DeploymentsTest,
       deployments_survive_a_restart_and_the_cli_applies_to_a_running_server_within_a_second) {
  deploy({{"mode", "replace"}, {"base_model", "support"}, {"tuned_model", "ft:support-v2"}});
  server->stop();
  start();
  EXPECT_EQ(answered_by("support"), "ft:support-v2");  // in force from the first call

  auto data_dir = (temp.path() / "data").string();
  auto rolled = run_reinforge("deploy rollback --data-dir " + data_dir + " --base support", true);
  ASSERT_EQ(rolled.status, 0) << rolled.output;
  wait_for_route("support", "base-llm");
  auto ab = run_reinforge("deploy --data-dir " + data_dir + " --config " +
                              (temp.path() / "gateway.json").string() +
                              " --model ft:support-v3 --mode endpoint --base support --endpoint "
                              "support-v3 --format json",
                          true);
  ASSERT_EQ(ab.status, 0) << ab.output;
  wait_for_route("support-v3", "ft:support-v3");
  auto listed = run_reinforge("deploy list --data-dir " + data_dir);
  EXPECT_NE(listed.output.find("rolled_back"), std::string::npos) << listed.output;
  // A deployment's options on list are a mistake said, not ignored.
  auto misplaced = run_reinforge("deploy list --data-dir " + data_dir + " --score-share 0.5", true);
  EXPECT_EQ(misplaced.status, 2);
  EXPECT_NE(misplaced.output.find("deploy list takes no --score-share"), std::string::npos)
      << misplaced.output;
  EXPECT_EQ(run_reinforge("deploy --data-dir " + data_dir +
                          " --model x --mode ab --base support --share 2")
                .status,
            2);
}

}  // namespace
}  // namespace reinforge::testing
