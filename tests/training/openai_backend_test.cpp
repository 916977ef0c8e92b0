// The `openai` backend end to end: the real server trains against a local server that speaks
// OpenAI's fine-tuning protocol and checks every request (tests/training/fake_fine_tuning_api).
#include <cstdlib>
#include <thread>

#include "training/fake_fine_tuning_api.hpp"
#include "training/training_test_fixture.hpp"

namespace reinforge::testing {
namespace {

constexpr const char* kKeyVariable = "REINFORGE_TEST_FINE_TUNING_KEY";

class OpenAiBackendTest : public TrainingTest {
 protected:
  void SetUp() override {
    setenv(kKeyVariable, FineTuningScenario{}.api_key.c_str(), 1);
    TrainingTest::SetUp();
  }

  // 20 questions with their answers and a grader OpenAI has an equivalent for.
  int64_t dataset() {
    int64_t id = create_dataset("capitals");
    std::string lines;
    for (int i = 0; i < 20; ++i) {
      lines +=
          R"({"messages":[{"role":"system","content":"Answer with one word."},{"role":"user","content":"Capital number )" +
          std::to_string(i) + R"(?"},{"role":"assistant","content":"City)" + std::to_string(i) +
          R"("}],"level":"easy"})" + "\n";
    }
    auto file = write_file(temp / "capitals.jsonl", lines);
    EXPECT_EQ(
        wait_for_job(json_of(client->post_file(path(id, "/import"), file.string()))["id"])["state"],
        "succeeded");
    nlohmann::json grader{{"type", "similarity"}, {"metric", "fuzzy_match"}};
    EXPECT_EQ(client->put(path(id, "/grader"), grader.dump()).status, 200);
    return id;
  }

  // The server sends a key variable only where its config does (providers/key_destinations.hpp):
  // it is started again, on the same data, with a config naming the fake API and the key.
  void serve_with(const FakeFineTuningApi& api) {
    nlohmann::json config{
        {"providers",
         {{{"name", "fake-openai"}, {"base_url", api.base_url()}, {"api_key_env", kKeyVariable}}}}};
    auto file = write_file(temp / "gateway.json", config.dump());
    server.reset();
    server_args = {"--config", file.string()};
    start_server();
  }

  nlohmann::json start_body(const FakeFineTuningApi& api) {
    serve_with(api);
    return {{"backend", "openai"},
            {"base_model", "o4-mini-2025-04-16"},
            {"suffix", "capitals"},
            {"override_gate", true},
            {"poll_interval_ms", 60},
            {"hyperparameters", {{"n_epochs", 2}}},
            {"provider",
             {{"name", "fake-openai"},
              {"base_url", api.base_url()},
              {"api_key_env", kKeyVariable},
              {"initial_backoff_ms", 20}}}};
  }

  int64_t start_run(int64_t id, const nlohmann::json& body) { return start(id, body)["run"]["id"]; }
};

TEST_F(OpenAiBackendTest, uploads_the_split_creates_a_reinforcement_job_and_follows_it_to_a_model) {
  FakeFineTuningApi api;
  int64_t id = dataset();
  int64_t run_id = start_run(id, start_body(api));
  auto finished = wait_for_run(run_id);
  ASSERT_EQ(finished["state"], "succeeded") << finished.dump() << events(run_id).dump();
  EXPECT_EQ(finished["fine_tuned_model"].get<std::string>().rfind("ft:o4-mini-2025-04-16:", 0), 0u);
  EXPECT_EQ(finished["remote_job_id"], api.job_ids().at(0));

  // The files: the split as RFT lines (no system role, the prompt ends with the user, the
  // reference the exported grader reads, the extra fields kept).
  auto files = api.files();
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].purpose, "fine-tune");
  EXPECT_EQ(files[0].lines.size() + files[1].lines.size(), 20u);
  EXPECT_EQ(static_cast<int64_t>(files[0].lines.size()), finished["split"]["train"].get<int64_t>());
  for (const auto& line : files[0].lines) {
    EXPECT_EQ(line["messages"][0]["role"], "developer");
    EXPECT_EQ(line["messages"].back()["role"], "user");
    EXPECT_EQ(line["reference"].get<std::string>().rfind("City", 0), 0u);
    EXPECT_EQ(line["level"], "easy");
  }
  // The job: the reinforcement method with the translated grader and the hyperparameters.
  auto job = api.job_requests().at(0);
  EXPECT_EQ(job["model"], "o4-mini-2025-04-16");
  EXPECT_EQ(job["suffix"], "capitals");
  EXPECT_EQ(job["training_file"], files[0].id);
  EXPECT_EQ(job["validation_file"], files[1].id);
  EXPECT_EQ(job["method"]["type"], "reinforcement");
  EXPECT_EQ(job["method"]["reinforcement"]["grader"]["type"], "text_similarity");
  EXPECT_EQ(job["method"]["reinforcement"]["grader"]["reference"], "{{item.reference}}");
  EXPECT_EQ(job["method"]["reinforcement"]["hyperparameters"]["n_epochs"], 2);
  EXPECT_EQ(job["method"]["reinforcement"]["hyperparameters"]["batch_size"], "auto");
  EXPECT_EQ(job["metadata"]["reinforge_run_id"], std::to_string(run_id));

  // Rewards rose, as the job's metrics events said; each event is in the log once.
  auto points = metrics(run_id);
  ASSERT_GE(points.size(), 5u);
  EXPECT_GT(finished["rewards"]["train"]["change"].get<double>(), 0.2);
  EXPECT_GT(finished["rewards"]["valid"]["last"].get<double>(),
            finished["rewards"]["valid"]["first"].get<double>());
  EXPECT_EQ(points.back()["step"], 10.0);
  std::map<std::string, int> seen;
  for (const auto& event : events(run_id)) ++seen[event["message"].get<std::string>()];
  for (const auto& [message, count] : seen) EXPECT_EQ(count, 1) << message;
  bool checkpoint_logged = false;
  for (const auto& [message, count] : seen)
    checkpoint_logged |= message.rfind("Checkpoint at step", 0) == 0;
  EXPECT_TRUE(checkpoint_logged);
}

TEST_F(OpenAiBackendTest, a_failed_job_fails_the_run_with_openais_reason) {
  FineTuningScenario scenario;
  scenario.outcome = FakeJobOutcome::failed;
  scenario.fail_after_steps = 3;
  FakeFineTuningApi api(scenario);
  int64_t run_id = start_run(dataset(), start_body(api));
  auto finished = wait_for_run(run_id);
  EXPECT_EQ(finished["state"], "failed");
  EXPECT_NE(finished["error"].get<std::string>().find("internal error"), std::string::npos)
      << finished.dump();
}

TEST_F(OpenAiBackendTest,
       rate_limits_and_a_server_error_are_retried_and_a_wrong_key_fails_clearly) {
  FineTuningScenario scenario;
  scenario.rate_limited_requests = 2;
  scenario.retry_after_ms = 50;
  scenario.server_error_on_request = 6;
  FakeFineTuningApi api(scenario);
  int64_t id = dataset();
  auto finished = wait_for_run(start_run(id, start_body(api)));
  EXPECT_EQ(finished["state"], "succeeded") << finished.dump();

  setenv(kKeyVariable, "sk-wrong", 1);
  server->stop();
  start_server();
  auto refused = wait_for_run(start_run(id, start_body(api)));
  EXPECT_EQ(refused["state"], "failed");
  EXPECT_NE(refused["error"].get<std::string>().find("401"), std::string::npos) << refused.dump();
  EXPECT_EQ(refused["error"].get<std::string>().find("sk-wrong"),
            std::string::npos);  // never the key
}

TEST_F(OpenAiBackendTest, an_api_that_stops_answering_fails_the_run_after_the_allowed_outage) {
  FineTuningScenario scenario;
  scenario.total_steps = 1000;
  for (int nth = 2; nth < 2000; ++nth)
    scenario.faults.push_back({"GET /fine_tuning/jobs/{id}/events", nth, 503});
  FakeFineTuningApi api(scenario);
  auto body = start_body(api);
  body["max_unreachable_s"] = 1;
  int64_t run_id = start_run(dataset(), body);
  auto finished = wait_for_run(run_id, 30);
  EXPECT_EQ(finished["state"], "failed");
  EXPECT_NE(finished["error"].get<std::string>().find("has not answered for 1 second (job"),
            std::string::npos)
      << finished.dump();
  // A failed run estimates no time left.
  EXPECT_TRUE(finished["progress"]["eta_seconds"].is_null()) << finished.dump();
  EXPECT_NE(events_text(run_id).find("trying again"), std::string::npos);
}

TEST_F(OpenAiBackendTest, cancel_takes_effect_at_once_while_a_poll_hangs_on_the_api) {
  FineTuningScenario scenario;
  scenario.total_steps = 1000;
  scenario.faults.push_back(
      {"GET /fine_tuning/jobs/{id}/events", 2, 200, -1, true});  // never answers
  FakeFineTuningApi api(scenario);
  int64_t run_id = start_run(dataset(), start_body(api));
  for (int i = 0; i < 200 && api.calls("GET /fine_tuning/jobs/{id}/events") < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_GE(api.calls("GET /fine_tuning/jobs/{id}/events"), 2);
  auto asked = std::chrono::steady_clock::now();
  ASSERT_EQ(client->post(run_path(run_id, "/cancel"), "").status, 200);
  EXPECT_EQ(wait_for_run(run_id, 20)["state"], "cancelled");
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(5));
  EXPECT_TRUE(api.cancelled(api.job_ids().at(0)));
}

TEST_F(OpenAiBackendTest, cancel_cancels_the_fine_tuning_job) {
  FineTuningScenario scenario;
  scenario.total_steps = 1000;
  scenario.step_ms = 100;
  FakeFineTuningApi api(scenario);
  int64_t run_id = start_run(dataset(), start_body(api));
  for (int i = 0; i < 200 && api.job_ids().empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_FALSE(api.job_ids().empty());
  ASSERT_EQ(client->post(run_path(run_id, "/cancel"), "").status, 200);
  EXPECT_EQ(wait_for_run(run_id)["state"], "cancelled");
  EXPECT_TRUE(api.cancelled(api.job_ids()[0]));
}

TEST_F(OpenAiBackendTest, a_restart_mid_run_reattaches_to_the_same_job_without_repeating_events) {
  FineTuningScenario scenario;
  scenario.total_steps = 30;
  scenario.step_ms = 100;
  FakeFineTuningApi api(scenario);
  int64_t id = dataset();
  int64_t run_id = start_run(id, start_body(api));
  for (int i = 0; i < 200 && run(run_id)["progress"]["step"].is_null(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_FALSE(run(run_id)["progress"]["step"].is_null());
  server->kill_hard();
  start_server();
  auto finished = wait_for_run(run_id);
  ASSERT_EQ(finished["state"], "succeeded") << finished.dump();
  EXPECT_EQ(api.job_ids().size(), 1u);  // re-attached, not created again
  EXPECT_EQ(api.files().size(), 2u);
  std::map<std::string, int> seen;
  for (const auto& event : events(run_id)) ++seen[event["message"].get<std::string>()];
  for (const auto& [message, count] : seen) {
    if (message.rfind("Step ", 0) == 0) {
      EXPECT_EQ(count, 1) << message;
    }
  }
  EXPECT_EQ(seen["Re-attached to the run after a restart of Reinforge"], 1);
}

}  // namespace
}  // namespace reinforge::testing
