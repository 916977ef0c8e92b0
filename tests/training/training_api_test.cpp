// Step 6 end to end on the real server: the gate, external runs with a launched trainer (the
// test trainer script speaks the protocol of docs/training.md), the trainer endpoints and their
// faults, cancel, and a restart of Reinforge in the middle of a run.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "training/training_test_fixture.hpp"

namespace reinforge::testing {
namespace {

// A correct answer scores 0.5 or 1 (odd or even), anything else 0: the reference answers pass
// the dry run (GO: mean 0.75, spread 0.25), and a trainer's reward rises as it answers right.
constexpr const char* kGrader =
    "function grade(input) {"
    "  const reference = input.item.reference.output_text;"
    "  if (input.sample.output_text.trim() !== reference) return {score: 0, reason: 'wrong'};"
    "  return {score: Number(reference) % 2 ? 0.5 : 1, reason: 'right'};"
    "}";

std::string trainer_script() {
  return std::string(REINFORGE_SOURCE_DIR) + "/tests/training/external_trainer.mjs";
}

class TrainingApiTest : public TrainingTest {
 protected:
  // 40 sums with their answers, a saved script grader and a GO dry run on the reference answers.
  int64_t ready_dataset(const std::string& name = "sums") {
    int64_t id = create_dataset(name);
    std::string lines;
    for (int i = 0; i < 40; ++i) {
      lines += R"({"messages":[{"role":"user","content":"What is )" + std::to_string(i) +
               R"( + 1?"},)" + R"({"role":"assistant","content":")" + std::to_string(i + 1) +
               R"("}]})" + "\n";
    }
    auto file = write_file(temp / (name + ".jsonl"), lines);
    EXPECT_EQ(
        wait_for_job(json_of(client->post_file(path(id, "/import"), file.string()))["id"])["state"],
        "succeeded");
    EXPECT_EQ(client
                  ->put(path(id, "/grader"),
                        nlohmann::json{{"type", "script"}, {"source", kGrader}}.dump())
                  .status,
              200);
    auto dry_run = client->post(path(id, "/dry-run"), R"({"mode":"reference","samples":0})");
    EXPECT_EQ(wait_for_job(json_of(dry_run)["id"])["state"], "succeeded");
    EXPECT_EQ(json_of(client->get(path(id, "/dry-run")))["report"]["verdict"], "GO");
    return id;
  }

  nlohmann::json external_start(const std::string& command) {
    nlohmann::json body{{"backend", "external"},
                        {"base_model", "Qwen/Qwen2.5-0.5B-Instruct"},
                        {"valid_share", 0.25},
                        {"poll_interval_ms", 100}};
    if (!command.empty()) body["command"] = command;
    return body;
  }

  std::string command(int steps, int step_ms, const std::string& extra = "") {
    return "TRAINER_STEPS=" + std::to_string(steps) +
           " TRAINER_STEP_MS=" + std::to_string(step_ms) + " " + extra + " node " +
           trainer_script();
  }
};

TEST_F(TrainingApiTest,
       an_external_run_with_a_launched_trainer_reports_rising_rewards_and_a_model) {
  int64_t id = ready_dataset();
  auto preflight =
      json_of(client->post(path(id, "/training/preflight"), external_start("").dump()));
  EXPECT_TRUE(preflight["allowed"]) << preflight.dump();
  EXPECT_EQ(preflight["gate"]["verdict"], "GO");
  EXPECT_EQ(preflight["split"]["train"].get<int>() + preflight["split"]["valid"].get<int>(), 40);

  auto started = start(id, external_start(command(8, 100, "TRAINER_MODEL_NAME=sums-tuned")));
  EXPECT_TRUE(started["token"].is_null());  // the launched command gets its own
  int64_t run_id = started["run"]["id"];
  EXPECT_EQ(started["run"]["split"]["valid"], 10);
  // The audit log names the run the start made, not only the dataset.
  auto audited = json_of(client->get("/api/audit?action=training.start"))["items"];
  ASSERT_EQ(audited.size(), 1u);
  EXPECT_EQ(audited[0]["target"]["created"], run_id);
  EXPECT_TRUE(started["run"]["endpoints"]["rewards"].get<std::string>().find("/trainer/runs/") !=
              std::string::npos);

  auto finished = wait_for_run(run_id);
  ASSERT_EQ(finished["state"], "succeeded") << finished.dump() << events_text(run_id);
  EXPECT_EQ(finished["fine_tuned_model"], "sums-tuned");
  auto points = metrics(run_id);
  ASSERT_GE(points.size(), 8u) << events_text(run_id);
  EXPECT_GT(finished["rewards"]["train"]["change"].get<double>(), 0) << finished["rewards"].dump();
  EXPECT_DOUBLE_EQ(finished["progress"]["percent"].get<double>(), 1.0);
  // Both body shapes of the reward endpoint were used and answered (the script checks them and
  // exits non-zero otherwise), and its log lines are the event log.
  EXPECT_NE(events_text(run_id).find("Launched the trainer command"), std::string::npos);
  // Step 6 shows the model; the dataset's runs list it.
  auto dataset = json_of(client->get(path(id, "")));
  EXPECT_EQ(dataset["steps"][5]["status"], "complete");
  EXPECT_NE(dataset["steps"][5]["headline"].get<std::string>().find("sums-tuned"),
            std::string::npos);
  EXPECT_EQ(json_of(client->get(path(id, "/training")))["items"][0]["id"], run_id);
}

TEST_F(TrainingApiTest, a_trainer_that_exits_without_a_result_fails_the_run_with_its_status) {
  int64_t id = ready_dataset();
  auto started = start(id, external_start(command(4, 50, "TRAINER_FAIL=1")));
  auto finished = wait_for_run(started["run"]["id"]);
  EXPECT_EQ(finished["state"], "failed");
  EXPECT_NE(finished["error"].get<std::string>().find("exit status 1"), std::string::npos)
      << finished.dump();
  EXPECT_EQ(json_of(client->get(path(id, "")))["steps"][5]["status"], "failed");
}

TEST_F(TrainingApiTest,
       the_trainer_token_opens_only_its_own_run_and_the_endpoints_name_each_fault) {
  int64_t id = ready_dataset();
  auto first = start(id, external_start(""));
  auto second = start(id, external_start(""));
  std::string token = first["token"];
  int64_t run_id = first["run"]["id"];
  std::string base = "/trainer/runs/" + std::to_string(run_id);
  HttpClient trainer(server->base_url(), token);
  HttpClient anonymous(server->base_url());

  EXPECT_EQ(token.rfind("rft_", 0), 0u);
  EXPECT_EQ(anonymous.get(base).status, 401);
  EXPECT_EQ(HttpClient(server->base_url(), second["token"]).get(base).status, 401);
  EXPECT_EQ(
      trainer.get("/trainer/runs/" + std::to_string(second["run"]["id"].get<int64_t>())).status,
      401);
  EXPECT_EQ(trainer.get("/api/datasets").status, 401);  // never the admin API
  EXPECT_EQ(trainer.get(base).status, 200);
  EXPECT_EQ(anonymous.get(base + "?token=" + token).status, 200);

  auto train = trainer.get(base + "/split/train.jsonl");
  ASSERT_EQ(train.status, 200);
  std::vector<nlohmann::json> lines;
  for (std::size_t start = 0, end; (end = train.body.find('\n', start)) != std::string::npos;
       start = end + 1)
    lines.push_back(nlohmann::json::parse(train.body.substr(start, end - start)));
  ASSERT_EQ(lines.size(), 30u);
  EXPECT_EQ(lines[0]["prompt"].back()["role"], "user");
  EXPECT_TRUE(lines[0]["reference"].is_string());
  std::string record_id = lines[0]["record_id"];
  std::string answer = lines[0]["reference"];

  nlohmann::json native{{"samples",
                         {{{"record_id", record_id}, {"output_text", answer}},
                          {{"record_id", record_id}, {"output_text", "wrong"}},
                          {{"record_id", "999999"}, {"output_text", answer}},
                          {{"record_id", record_id}}}}};
  auto scored = trainer.post(base + "/rewards", native.dump());
  ASSERT_EQ(scored.status, 200) << scored.body;
  auto scores = json_of(scored)["scores"];
  EXPECT_GE(scores[0]["score"].get<double>(), 0.5);
  EXPECT_EQ(scores[1]["score"], 0.0);
  EXPECT_TRUE(scores[2]["score"].is_null());
  EXPECT_NE(scores[2]["error"].get<std::string>().find("not in this run's split"),
            std::string::npos);
  EXPECT_NE(scores[3]["error"].get<std::string>().find("output_text"), std::string::npos);

  nlohmann::json openrlhf{{"query", {"PROMPT " + answer + "<|im_end|>"}},
                          {"prompts", {"PROMPT "}},
                          {"labels", {record_id}}};
  auto rewarded = anonymous.post(base + "/rewards?token=" + token, openrlhf.dump());
  ASSERT_EQ(rewarded.status, 200) << rewarded.body;
  EXPECT_GE(json_of(rewarded)["rewards"][0].get<double>(), 0.5);

  EXPECT_EQ(trainer.post(base + "/rewards", "{not json").status, 400);
  EXPECT_EQ(trainer.post(base + "/rewards", R"({"foo":1})").status, 400);
  nlohmann::json big{{"samples", nlohmann::json::array()}};
  for (int i = 0; i < 4097; ++i)
    big["samples"].push_back({{"record_id", record_id}, {"output_text", answer}});
  EXPECT_EQ(trainer.post(base + "/rewards", big.dump()).status, 413);

  EXPECT_EQ(trainer.post(base + "/metrics", R"({"note":"x"})").status, 400);
  for (int i = 0; i < 100 && run(run_id)["remote_status"] != "waiting for the trainer"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(run(run_id)["remote_status"], "waiting for the trainer");
  EXPECT_EQ(trainer.post(base + "/metrics", R"({"step":1,"total_steps":4,"train_reward_mean":0.2})")
                .status,
            200);
  EXPECT_EQ(run(run_id)["remote_status"], "reporting");  // a trainer is connected
  EXPECT_EQ(
      trainer
          .post(
              base + "/metrics",
              R"({"metrics":[{"step":2,"train_reward_mean":0.4},{"step":4,"train_reward_mean":0.6}]})")
          .status,
      200);
  EXPECT_EQ(trainer.post(base + "/metrics", R"({"message":"epoch 1 done"})").status, 200);
  EXPECT_EQ(run(run_id)["progress"]["step"], 4.0);
  EXPECT_EQ(trainer.post(base + "/metrics", R"({"result":{"status":"succeeded"}})").status, 400);
  EXPECT_EQ(
      trainer
          .post(
              base + "/metrics",
              R"({"result":{"status":"succeeded","fine_tuned_model":"/ckpt/final","model_url":"http://gpu:8000/v1"}})")
          .status,
      200);
  auto finished = wait_for_run(run_id);
  EXPECT_EQ(finished["state"], "succeeded");
  EXPECT_EQ(finished["remote_status"], "succeeded");  // not still "waiting for the trainer"
  EXPECT_EQ(finished["model_url"], "http://gpu:8000/v1");
  EXPECT_NEAR(finished["rewards"]["train"]["change"].get<double>(), 0.4, 1e-9);
  EXPECT_NE(events_text(run_id).find("epoch 1 done"), std::string::npos);
  EXPECT_EQ(trainer.post(base + "/rewards", native.dump()).status, 409);  // the run is over

  // A new token replaces the old one.
  auto rotated = client->post(run_path(second["run"]["id"], "/token"), "");
  ASSERT_EQ(rotated.status, 200);
  std::string second_base = "/trainer/runs/" + std::to_string(second["run"]["id"].get<int64_t>());
  EXPECT_EQ(HttpClient(server->base_url(), second["token"]).get(second_base).status, 401);
  EXPECT_EQ(HttpClient(server->base_url(), json_of(rotated)["token"]).get(second_base).status, 200);
}

TEST_F(TrainingApiTest, cancel_stops_the_launched_trainer_and_its_process_group) {
  int64_t id = ready_dataset();
  auto started = start(id, external_start(command(1000, 200)));
  int64_t run_id = started["run"]["id"];
  for (int i = 0; i < 200 && metrics(run_id).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_FALSE(metrics(run_id).empty()) << events_text(run_id);
  auto cancelled = client->post(run_path(run_id, "/cancel"), "");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  auto finished = wait_for_run(run_id, 30);
  EXPECT_EQ(finished["state"], "cancelled");
  EXPECT_NE(events_text(run_id).find("Stopped the trainer command"), std::string::npos);
  EXPECT_EQ(client->post(run_path(run_id, "/cancel"), "").status, 409);
  // Nothing of the trainer is left: no process in its group.
  auto log = temp.path() / "data" / "training" / ("run-" + std::to_string(run_id)) / "trainer.log";
  EXPECT_TRUE(std::filesystem::exists(log));
}

TEST_F(TrainingApiTest, the_gate_refuses_no_go_and_stale_dry_runs_unless_overridden) {
  int64_t id = ready_dataset();
  // A grader that changed since the dry run makes it stale.
  ASSERT_EQ(
      client
          ->put(path(id, "/grader"),
                nlohmann::json{{"type", "script"}, {"source", "function grade(i) { return 0; }"}}
                    .dump())
          .status,
      200);
  auto refused = client->post(path(id, "/training"), external_start("").dump());
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(json_of(refused)["error"]["code"], "gate_refused");
  EXPECT_NE(json_of(refused)["error"]["message"].get<std::string>().find("stale"),
            std::string::npos);
  auto preflight =
      json_of(client->post(path(id, "/training/preflight"), external_start("").dump()));
  EXPECT_FALSE(preflight["allowed"]);
  EXPECT_TRUE(preflight["gate"]["stale"]);
  auto body = external_start("");
  body["override_gate"] = true;
  auto overridden = start(id, body);
  EXPECT_TRUE(overridden["run"]["gate"]["overridden"]);

  // A script grader has no OpenAI equivalent: said before anything starts.
  auto openai =
      client->post(path(id, "/training"), nlohmann::json{{"backend", "openai"},
                                                         {"base_model", "o4-mini-2025-04-16"},
                                                         {"override_gate", true}}
                                              .dump());
  EXPECT_EQ(openai.status, 400);
  EXPECT_EQ(json_of(openai)["error"]["code"], "grader_not_exportable");
  EXPECT_EQ(client->post(path(id, "/training"), R"({"backend":"external"})").status, 400);
}

TEST_F(TrainingApiTest, a_restart_of_reinforge_mid_run_reattaches_to_the_running_trainer) {
  int64_t id = ready_dataset();
  auto started = start(id, external_start(command(30, 150, "TRAINER_MODEL_NAME=survivor")));
  int64_t run_id = started["run"]["id"];
  for (int i = 0; i < 200 && metrics(run_id).size() < 3; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_GE(metrics(run_id).size(), 3u) << events_text(run_id);
  auto before = metrics(run_id).size();
  int port = server->port();
  server->kill_hard();  // no chance to pause anything: the trainer goes on alone
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  // Back on the same port, as a restarted service is: the trainer's URLs still point there.
  server = std::make_unique<ServerProcess>(
      temp.path() / "data", kAdminToken, std::vector<std::string>{"--port", std::to_string(port)});
  client = std::make_unique<HttpClient>(server->base_url(), kAdminToken);
  auto finished = wait_for_run(run_id, 60);
  ASSERT_EQ(finished["state"], "succeeded") << finished.dump() << events_text(run_id);
  EXPECT_EQ(finished["fine_tuned_model"], "survivor");
  EXPECT_GT(metrics(run_id).size(), before);
  EXPECT_NE(events_text(run_id).find("Re-attached"), std::string::npos);
}

}  // namespace
}  // namespace reinforge::testing
