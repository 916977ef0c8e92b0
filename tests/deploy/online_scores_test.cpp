// Online scores and the guard through the real server: calls go through the gateway under an
// A/B deployment, the server grades them in the background with the dataset's reference-free
// script, and the guard rolls back a worse tuned arm but never an equal one.
#include <fstream>
#include <thread>

#include "deploy/step7_test_fixture.hpp"
#include "support/command_run.hpp"

namespace reinforge::testing {
namespace {

// Reference-free: right-looking answers ("a-N") score higher, and the question adds spread.
constexpr const char* kScript = R"(function grade(input) {
  const n = Number(input.item.messages[0].content.slice(2));
  const right = input.sample.output_text.startsWith("a-");
  return { score: (right ? 0.6 : 0.2) + (n % 5) * 0.05, reason: right ? "answered" : "wrong" };
})";

class OnlineScoresTest : public Step7Test {
 protected:
  void SetUp() override {
    Step7Test::SetUp();
    dataset_id = question_dataset("live", 10, {{"type", "script"}, {"source", kScript}});
  }

  int64_t deploy_ab(const std::string& tuned, const nlohmann::json& guard) {
    auto result =
        client->post("/api/deployments", nlohmann::json{{"mode", "ab"},
                                                        {"base_model", "support"},
                                                        {"tuned_model", tuned},
                                                        {"share", 0.5},
                                                        {"dataset_id", dataset_id},
                                                        {"online_scoring", {{"share", 1.0}}},
                                                        {"guard", guard}}
                                             .dump());
    EXPECT_EQ(result.status, 201) << result.body;
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // the route table's poll
    return json_of(result)["id"].get<int64_t>();
  }

  // Each user asks q-0 .. q-9 once, so both arms see the same questions.
  int send_calls(int users) {
    int calls = 0;
    for (int user = 0; user < users; ++user) {
      for (int n = 0; n < 10; ++n) {
        nlohmann::json body{
            {"model", "support"},
            {"user", "user-" + std::to_string(user)},
            {"messages", {{{"role", "user"}, {"content", "q-" + std::to_string(n)}}}}};
        client->post("/v1/chat/completions", body.dump());
        ++calls;
      }
    }
    return calls;
  }

  nlohmann::json deployment(int64_t id) {
    return json_of(client->get("/api/deployments/" + std::to_string(id)));
  }

  // Waits until `graded` traces have online scores (the scorer runs every 2 s).
  nlohmann::json wait_for_scores(int64_t id, int graded) {
    nlohmann::json current;
    for (int i = 0; i < 300; ++i) {
      current = deployment(id);
      int done = 0;
      for (const char* arm : {"base", "tuned"}) {
        if (current["arms"].contains(arm) && current["arms"][arm].contains("score"))
          done += current["arms"][arm]["score"]["graded"].get<int>();
      }
      if (done >= graded) return current;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "only part of " << graded << " traces were graded: " << current.dump();
    return current;
  }

  nlohmann::json wait_for_state(int64_t id, const std::string& state, int seconds) {
    nlohmann::json current;
    for (int i = 0; i < seconds * 10; ++i) {
      current = deployment(id);
      if (current["state"] == state) return current;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return current;
  }

  int64_t dataset_id = 0;
};

TEST_F(OnlineScoresTest, scores_per_arm_match_grading_the_same_traces_offline) {
  auto id = deploy_ab("ft:better", {{"enabled", false}});
  int calls = send_calls(30);
  auto figures = wait_for_scores(id, calls);
  EXPECT_TRUE(figures["online_scoring"]["eligible"].get<bool>()) << figures.dump();
  const auto& comparison = figures["comparison"]["score"];
  EXPECT_GT(comparison["difference"].get<double>(), 0.05) << figures.dump();
  EXPECT_TRUE(comparison["conclusive"].get<bool>()) << figures.dump();
  for (const char* arm : {"base", "tuned"}) {
    auto ci = figures["arms"][arm]["score"]["ci"];
    EXPECT_LT(ci[0].get<double>(), ci[1].get<double>());
  }

  // Offline: each graded trace turned into a record (its answer as the reference) and graded by
  // `reinforge grade`, the command a user would run on exported traces.
  auto scores =
      json_of(client->get("/api/deployments/" + std::to_string(id) + "/scores?limit=1000"));
  ASSERT_EQ(scores["items"].size(), static_cast<size_t>(calls));
  auto records = temp.path() / "graded-traces.jsonl";
  std::ofstream out(records);
  for (const auto& score : scores["items"]) {
    auto trace = json_of(client->get("/api/traces/" + score["trace_id"].get<std::string>()));
    auto request =
        nlohmann::json::parse(trace["request"].is_string() ? trace["request"].get<std::string>()
                                                           : trace["request"].dump());
    auto response = trace["response"].is_string()
                        ? nlohmann::json::parse(trace["response"].get<std::string>())
                        : trace["response"];
    auto messages = request["messages"];
    messages.push_back(response["choices"][0]["message"]);
    out << nlohmann::json{{"messages", messages}}.dump() << "\n";
  }
  out.close();
  std::ofstream(temp.path() / "grader.js") << kScript;
  auto offline = run_reinforge("grade --format json --script " +
                               (temp.path() / "grader.js").string() + " " + records.string());
  auto lines = json_lines(offline.output);
  ASSERT_EQ(lines.size(), static_cast<size_t>(calls)) << offline.output;
  std::map<std::string, std::pair<double, int>> offline_by_arm;
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_DOUBLE_EQ(lines[i]["score"].get<double>(), scores["items"][i]["score"].get<double>());
    auto& sum = offline_by_arm[scores["items"][i]["arm"]];
    sum.first += lines[i]["score"].get<double>();
    ++sum.second;
  }
  for (const char* arm : {"base", "tuned"}) {
    EXPECT_NEAR(figures["arms"][arm]["score"]["mean"].get<double>(),
                offline_by_arm[arm].first / offline_by_arm[arm].second, 1e-9);
  }

  auto timeline =
      json_of(client->get("/api/deployments/" + std::to_string(id) + "/timeline?bucket_s=3600"));
  ASSERT_FALSE(timeline["points"].empty());
  int timeline_calls = 0;
  for (const auto& point : timeline["points"])
    timeline_calls += point["base"]["calls"].get<int>() + point["tuned"]["calls"].get<int>();
  EXPECT_EQ(timeline_calls, calls);
}

TEST_F(OnlineScoresTest, the_guard_rolls_back_a_tuned_arm_that_fails_more) {
  auto id = deploy_ab("ft:broken", {{"enabled", true}, {"min_calls", 20}});
  send_calls(10);
  auto rolled_back = wait_for_state(id, "rolled_back", 15);
  ASSERT_EQ(rolled_back["state"], "rolled_back") << rolled_back.dump();
  auto reason = rolled_back["history"].back()["reason"].get<std::string>();
  EXPECT_EQ(reason.rfind("guard: the tuned arm's error rate", 0), 0u) << reason;
}

TEST_F(OnlineScoresTest, the_guard_rolls_back_a_tuned_arm_that_scores_worse) {
  auto id = deploy_ab("ft:worse", {{"enabled", true}, {"min_calls", 100000}, {"min_scores", 20}});
  send_calls(10);
  auto rolled_back = wait_for_state(id, "rolled_back", 15);
  ASSERT_EQ(rolled_back["state"], "rolled_back") << rolled_back.dump();
  auto reason = rolled_back["history"].back()["reason"].get<std::string>();
  EXPECT_EQ(reason.rfind("guard: the tuned arm's online score", 0), 0u) << reason;
}

TEST_F(OnlineScoresTest, the_guard_leaves_an_equal_arm_alone) {
  auto id = deploy_ab("ft:same", {{"enabled", true}, {"min_calls", 20}, {"min_scores", 20}});
  int calls = send_calls(20);
  auto figures = wait_for_scores(id, calls);
  std::this_thread::sleep_for(std::chrono::milliseconds(4500));  // two more guard rounds
  figures = deployment(id);
  EXPECT_EQ(figures["state"], "active") << figures.dump();
  EXPECT_FALSE(figures["comparison"]["score"]["conclusive"].get<bool>());
}

TEST_F(OnlineScoresTest, options_change_while_active_and_bad_ones_are_refused) {
  auto id = std::to_string(deploy_ab("ft:same", {{"enabled", false}}));
  auto changed = client->patch(
      "/api/deployments/" + id,
      nlohmann::json{{"guard", {{"enabled", true}}}, {"online_scoring", {{"share", 0.25}}}}.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_TRUE(json_of(changed)["guard"]["enabled"].get<bool>());
  EXPECT_EQ(json_of(changed)["online_scoring"]["share"], 0.25);
  EXPECT_EQ(json_of(changed)["history"].back()["action"], "options_changed");
  EXPECT_EQ(client->patch("/api/deployments/" + id, R"({"online_scoring": {"share": 2}})").status,
            400);
  EXPECT_EQ(client->patch("/api/deployments/" + id, R"({"share": 0.9})").status, 400);
  // A grader that compares with a reference cannot score live traffic, and says so.
  client->put(path(dataset_id, "/grader"), R"({"type": "exact_match"})");
  auto figures = deployment(std::stoll(id));
  EXPECT_FALSE(figures["online_scoring"]["eligible"].get<bool>());
  EXPECT_NE(figures["online_scoring"]["reason"].get<std::string>().find("reference"),
            std::string::npos);
}

}  // namespace
}  // namespace reinforge::testing
