#include <set>

#include "api/api_test_fixture.hpp"
#include "providers/fake_upstream.hpp"

namespace reinforge::testing {
namespace {

class GraderApiTest : public ApiTest {
 protected:
  int64_t dataset_with_answers() {
    int64_t id = create_dataset("graded");
    std::string lines;
    for (int i = 0; i < 8; ++i) {
      lines += R"({"messages":[{"role":"user","content":"What is )" + std::to_string(i) +
               R"( + 1?"},{"role":"assistant","content":")" + std::to_string(i + 1) + R"("}]})" +
               "\n";
    }
    auto file = write_file(temp / "answers.jsonl", lines);
    EXPECT_EQ(
        wait_for_job(json_of(client->post_file(path(id, "/import"), file.string()))["id"])["state"],
        "succeeded");
    return id;
  }
  static std::string path(int64_t id, const std::string& rest) {
    return "/api/datasets/" + std::to_string(id) + rest;
  }
  nlohmann::json step(int64_t id, int index) {
    return json_of(client->get(path(id, "")))["steps"][index];
  }
};

TEST_F(GraderApiTest, a_saved_script_grader_is_tested_on_five_reference_answers) {
  int64_t id = dataset_with_answers();
  EXPECT_EQ(step(id, 3)["status"], "waiting");
  nlohmann::json grader{
      {"type", "script"},
      {"source",
       "function grade(input) { console.log('seen ' + input.sample.output_text);"
       " return {score: /^\\d+$/.test(input.sample.output_text) ? 1 : 0, reason: 'digits'}; }"}};
  auto saved = client->put(path(id, "/grader"), grader.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  std::string version = json_of(saved)["version"];
  EXPECT_EQ(json_of(client->put(path(id, "/grader"), grader.dump()))["version"],
            version);  // same config, same version
  EXPECT_EQ(step(id, 3)["status"], "ready");

  auto tested = client->post(path(id, "/grader/test"), "{}");
  ASSERT_EQ(tested.status, 200) << tested.body;
  auto test = json_of(tested);
  ASSERT_EQ(test["results"].size(), 5u);
  EXPECT_EQ(test["errors"], 0);
  for (const auto& result : test["results"]) {
    EXPECT_DOUBLE_EQ(result["score"].get<double>(), 1.0);
    EXPECT_EQ(result["reason"], "digits");
    ASSERT_EQ(result["logs"].size(), 1u);
    EXPECT_EQ(result["logs"][0].get<std::string>().rfind("seen ", 0), 0u);
  }
  EXPECT_EQ(step(id, 3)["status"], "complete");
  EXPECT_EQ(json_of(client->get(path(id, "/grader")))["last_test"]["version"], version);
}

TEST_F(GraderApiTest, a_reference_dry_run_gives_a_verdict_that_goes_stale_when_the_data_changes) {
  int64_t id = dataset_with_answers();
  EXPECT_EQ(client->post(path(id, "/dry-run"), "{}").status, 409);  // no grader yet
  nlohmann::json grader{{"type", "script"}, {"source", "function grade(input) { return 1; }"}};
  ASSERT_EQ(client->put(path(id, "/grader"), grader.dump()).status, 200);
  EXPECT_EQ(step(id, 4)["status"], "ready");

  auto accepted = client->post(path(id, "/dry-run"), R"({"mode":"reference"})");
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  ASSERT_EQ(wait_for_job(json_of(accepted)["id"])["state"], "succeeded");
  auto run = json_of(client->get(path(id, "/dry-run")));
  const auto& report = run["report"];
  EXPECT_EQ(report["statistics"]["samples"], 8);  // fewer than 300 valid records: all of them
  EXPECT_DOUBLE_EQ(report["statistics"]["mean"].get<double>(), 1.0);
  // Every score is 1: no spread, nothing to learn, so NO-GO with the reasons named.
  EXPECT_EQ(report["verdict"], "NO-GO");
  EXPECT_EQ(report["verdicts"]["std_dev"], "NO-GO");
  std::set<std::string> causes;
  for (const auto& diagnosis : report["diagnoses"])
    causes.insert(diagnosis["code"].get<std::string>());
  EXPECT_TRUE(causes.count("too_little_spread")) << report["diagnoses"].dump();
  EXPECT_FALSE(report.contains("samples"));  // paged apart
  EXPECT_EQ(report["sample_count"], 8);
  EXPECT_EQ(step(id, 4)["status"], "failed");
  EXPECT_NE(step(id, 4)["headline"].get<std::string>().find("NO-GO"), std::string::npos);

  auto record = json_of(client->get(path(id, "/records?limit=1")))["items"][0];
  ASSERT_EQ(client->del(path(id, "/records/" + std::to_string(record["id"].get<int64_t>()))).status,
            204);
  EXPECT_EQ(step(id, 4)["status"], "stale");
}

TEST_F(GraderApiTest, grader_errors_are_reported_apart_from_zero_scores) {
  int64_t id = dataset_with_answers();
  nlohmann::json broken{{"type", "script"},
                        {"source", "function grade(input) { throw new Error('boom'); }"}};
  ASSERT_EQ(client->put(path(id, "/grader"), broken.dump()).status, 200);
  auto test = json_of(client->post(path(id, "/grader/test"), "{}"));
  EXPECT_EQ(test["errors"], 5);
  EXPECT_TRUE(test["results"][0]["score"].is_null());
  EXPECT_NE(test["results"][0]["error"].get<std::string>().find("boom"), std::string::npos);
  EXPECT_EQ(step(id, 3)["status"], "attention");
}

TEST_F(GraderApiTest, invalid_graders_are_refused_with_the_field_at_fault) {
  int64_t id = dataset_with_answers();
  auto refused = client->put(path(id, "/grader"), R"({"type":"no-such-type"})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("type"), std::string::npos) << refused.body;
  EXPECT_EQ(client->post(path(id, "/grader/test"), "{}").status, 409);
  auto script = client->put(path(id, "/grader"),
                            R"({"type":"script","source":"function grade(input) { return 1; }"})");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(client->get(path(id, "/grader/openai")).status,
            422);  // scripts have no OpenAI equivalent
}

TEST_F(GraderApiTest, the_test_sample_can_grade_fresh_samples_of_the_base_model) {
  int64_t id = dataset_with_answers();
  // The model answers "7" to every prompt; the grader wants the reference answer.
  FakeUpstream upstream([](const FakeRequest& request) {
    auto body = request.json();
    bool prompt_only = body["messages"].size() == 1 && body["messages"][0]["role"] == "user";
    return chat_completion_response(prompt_only && body["model"] == "base-model" ? "7"
                                                                                 : "wrong request");
  });
  nlohmann::json grader{{"type", "script"},
                        {"source",
                         "function grade(input) { return input.sample.output_text === "
                         "input.item.reference.output_text ? 1 : 0; }"}};
  ASSERT_EQ(client->put(path(id, "/grader"), grader.dump()).status, 200);
  nlohmann::json request{{"mode", "base_model"},
                         {"model", "base-model"},
                         {"provider", {{"base_url", upstream.base_url()}}}};
  auto tested = client->post(path(id, "/grader/test"), request.dump());
  ASSERT_EQ(tested.status, 200) << tested.body;
  auto test = json_of(tested);
  EXPECT_EQ(test["mode"], "base_model");
  EXPECT_EQ(test["model"], "base-model");
  ASSERT_EQ(test["results"].size(), 5u);
  EXPECT_EQ(test["errors"], 0) << test.dump();
  double total = 0;
  for (const auto& result : test["results"]) {
    EXPECT_EQ(result["output_text"], "7");
    total += result["score"].get<double>();
  }
  EXPECT_LE(total, 1.0);  // only the record whose answer is 7 scores
  EXPECT_GE(upstream.requests(), 5);

  // A provider that fails is the result's error, not a score.
  FakeUpstream down([](const FakeRequest&) { return FakeResponse{500, "{}", {}, 0, false}; });
  request["provider"] = {{"base_url", down.base_url()}, {"max_retries", 0}};
  auto failed = json_of(client->post(path(id, "/grader/test"), request.dump()));
  EXPECT_EQ(failed["errors"], 5) << failed.dump();
  EXPECT_TRUE(failed["results"][0]["score"].is_null());
  EXPECT_FALSE(failed["results"][0]["error"].get<std::string>().empty());

  EXPECT_EQ(client->post(path(id, "/grader/test"), R"({"mode":"base_model"})").status, 400);
  // A key pasted where its variable's name belongs, or a variable that is not set, is refused.
  nlohmann::json pasted{
      {"mode", "base_model"},
      {"model", "m"},
      {"provider", {{"base_url", upstream.base_url()}, {"api_key", "sk-pasted"}}}};
  auto refused = client->post(path(id, "/grader/test"), pasted.dump());
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.body.find("sk-pasted"), std::string::npos);
  nlohmann::json unset{
      {"mode", "base_model"},
      {"model", "m"},
      {"provider",
       {{"base_url", upstream.base_url()}, {"api_key_env", "REINFORGE_TEST_UNSET_KEY"}}}};
  EXPECT_EQ(client->post(path(id, "/grader/test"), unset.dump()).status, 400);
  EXPECT_EQ(client->post(path(id, "/dry-run"), pasted.dump()).status, 400);
  EXPECT_EQ(client->post(path(id, "/grader/test"), R"({"mode":"sometimes"})").status, 400);
}

TEST_F(GraderApiTest, dry_run_options_out_of_range_are_refused_before_a_job_starts) {
  int64_t id = dataset_with_answers();
  ASSERT_EQ(
      client->put(path(id, "/grader"), R"({"type":"script","source":"function grade(){return 1}"})")
          .status,
      200);
  for (
      std::string body :
      {R"({"samples":"all"})", R"({"samples":-1})", R"({"k":0})", R"({"k":100})",
       R"({"concurrency":100000})", R"({"mode":"base_model","model":"m"})",
       R"({"mode":"base_model","model":"m","provider":{"base_url":""}})",
       R"({"mode":"base_model","model":"m","provider":{"base_url":"http://x"},"sampling":"hot"})",
       R"({"mode":"base_model","model":"m","provider":{"base_url":"http://x"},"sampling":{"temperature":"hot"}})",
       R"({"mode":"base_model","model":"m","provider":{"base_url":"http://x"},"sampling":{"max_tokens":0}})",
       R"({"price":{"input_per_million":-1,"output_per_million":1}})",
       R"({"price":{"input_per_million":1}})"}) {
    auto refused = client->post(path(id, "/dry-run"), body);
    EXPECT_EQ(refused.status, 400) << body << " -> " << refused.body;
  }
  EXPECT_TRUE(json_of(client->get(path(id, "/jobs")))["items"][0]["kind"] == "import");
}

TEST_F(GraderApiTest, a_base_model_dry_run_reports_its_tokens_and_their_cost_at_the_given_price) {
  int64_t id = dataset_with_answers();
  FakeUpstream upstream([](const FakeRequest&) { return chat_completion_response("4"); });
  ASSERT_EQ(client->put(path(id, "/grader"), R"({"type":"script","source":"function grade(){return 1}"})").status, 200);
  nlohmann::json run{{"mode", "base_model"},
                     {"model", "base-model"},
                     {"provider", {{"base_url", upstream.base_url()}}},
                     {"price", {{"input_per_million", 2.5}, {"output_per_million", 10.0}}}};
  auto accepted = client->post(path(id, "/dry-run"), run.dump());
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  ASSERT_EQ(wait_for_job(json_of(accepted)["id"])["state"], "succeeded");
  auto stored = json_of(client->get(path(id, "/dry-run")));
  // The request is kept with the run, so "Run again" can start from it anywhere.
  EXPECT_EQ(stored["request"]["model"], "base-model");
  EXPECT_EQ(stored["request"]["provider"]["base_url"], upstream.base_url());
  auto statistics = stored["report"]["statistics"];
  int64_t prompt = statistics["prompt_tokens"], completion = statistics["completion_tokens"];
  ASSERT_GT(prompt, 0);
  EXPECT_NEAR(statistics["cost_usd"].get<double>(), (prompt * 2.5 + completion * 10.0) / 1e6, 1e-12);
  EXPECT_EQ(statistics["price"]["output_per_million"], 10.0);

  run.erase("price");
  ASSERT_EQ(wait_for_job(json_of(client->post(path(id, "/dry-run"), run.dump()))["id"])["state"], "succeeded");
  EXPECT_TRUE(json_of(client->get(path(id, "/dry-run")))["report"]["statistics"]["cost_usd"].is_null());
}

TEST_F(GraderApiTest, cancelling_a_dry_run_whose_model_calls_hang_stops_it_at_once) {
  int64_t id = dataset_with_answers();
  FakeUpstream hanging([](const FakeRequest&) { return FakeResponse{200, "", {}, 0, true}; });
  ASSERT_EQ(
      client->put(path(id, "/grader"), R"({"type":"script","source":"function grade(){return 1}"})")
          .status,
      200);
  nlohmann::json run{{"mode", "base_model"},
                     {"model", "base-model"},
                     {"provider", {{"base_url", hanging.base_url()}}}};
  auto accepted = client->post(path(id, "/dry-run"), run.dump());
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  int64_t job_id = json_of(accepted)["id"];
  for (int i = 0; i < 100 && hanging.requests() < 8; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_EQ(client->post("/api/jobs/" + std::to_string(job_id) + "/cancel", "{}").status, 200);
  // The provider's own timeout is two minutes; the cancel must not wait for it.
  auto job = wait_for_job(job_id, 10);
  EXPECT_EQ(job["state"], "cancelled") << job.dump();
  EXPECT_EQ(step(id, 4)["status"], "ready");
}

TEST_F(GraderApiTest, a_grader_field_of_the_wrong_type_is_a_400_not_a_500) {
  int64_t id = dataset_with_answers();
  auto refused =
      client->put(path(id, "/grader"), R"({"type":"exact_match","case_sensitive":"yes"})");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("grader.case_sensitive: must be true or false"), std::string::npos)
      << refused.body;
}

TEST_F(GraderApiTest, a_draft_grader_is_tested_without_being_saved) {
  int64_t id = dataset_with_answers();
  nlohmann::json draft{
      {"type", "script"},
      {"source", "function grade(input) { return input.sample.output_text === '3' ? 1 : 0; }"}};
  auto tested = client->post(path(id, "/grader/test"), nlohmann::json{{"config", draft}}.dump());
  ASSERT_EQ(tested.status, 200) << tested.body;
  auto test = json_of(tested);
  EXPECT_EQ(test["results"].size(), 5u);
  EXPECT_EQ(test["saved"], false);
  EXPECT_TRUE(json_of(client->get(path(id, "/grader")))["version"].is_null());  // nothing saved
  EXPECT_EQ(step(id, 3)["status"], "waiting");

  // A broken draft is refused at its field, like a save.
  auto broken = client->post(path(id, "/grader/test"),
                             R"({"config":{"type":"script","source":"function grade( {"}})");
  EXPECT_EQ(broken.status, 400);
  EXPECT_NE(broken.body.find("grader.source"), std::string::npos) << broken.body;

  // Saving the tested draft makes its test the step's last test.
  auto saved = json_of(client->put(path(id, "/grader"), draft.dump()));
  std::string version = saved["version"];
  EXPECT_EQ(saved["last_test"]["version"], version);
  EXPECT_EQ(saved["last_test"]["results"].size(), 5u);
  EXPECT_EQ(step(id, 3)["status"], "complete");

  // Another draft's test does not touch the saved grader's; saving a config that was not the
  // last tested draft starts untested.
  nlohmann::json other{{"type", "script"},
                       {"source", "function grade(input) { throw new Error('x'); }"}};
  EXPECT_EQ(json_of(client->post(path(id, "/grader/test"),
                                 nlohmann::json{{"config", other}}.dump()))["errors"],
            5);
  EXPECT_EQ(step(id, 3)["status"], "complete");
  nlohmann::json third{{"type", "script"}, {"source", "function grade(input) { return 0.5; }"}};
  EXPECT_TRUE(json_of(client->put(path(id, "/grader"), third.dump()))["last_test"].is_null());
  EXPECT_EQ(step(id, 3)["status"], "ready");

  // Testing the saved config as a "draft" is the saved grader's test.
  auto again =
      json_of(client->post(path(id, "/grader/test"), nlohmann::json{{"config", third}}.dump()));
  EXPECT_EQ(again["saved"], true);
  EXPECT_EQ(step(id, 3)["status"], "complete");
}

TEST_F(GraderApiTest, dry_run_samples_are_paged_sorted_and_open_with_their_prompt) {
  int64_t id = dataset_with_answers();
  // Answers are "1".."8": score = answer / 10, and "5" is a grader error.
  nlohmann::json grader{{"type", "script"},
                        {"source",
                         "function grade(input) { const n = Number(input.sample.output_text);"
                         " if (n === 5) throw new Error('five'); return n / 10; }"}};
  ASSERT_EQ(client->put(path(id, "/grader"), grader.dump()).status, 200);
  ASSERT_EQ(wait_for_job(json_of(client->post(path(id, "/dry-run"), "{}"))["id"])["state"],
            "succeeded");

  auto best = json_of(client->get(path(id, "/dry-run/samples?sort=-score&limit=3")));
  EXPECT_EQ(best["total"], 8);
  ASSERT_EQ(best["items"].size(), 3u);
  EXPECT_DOUBLE_EQ(best["items"][0]["score"].get<double>(), 0.8);
  EXPECT_DOUBLE_EQ(best["items"][2]["score"].get<double>(), 0.6);
  EXPECT_FALSE(best["items"][0].contains("prompt"));
  EXPECT_NE(best["items"][0]["preview"].get<std::string>().find("What is 7"), std::string::npos);

  auto worst = json_of(client->get(path(id, "/dry-run/samples?sort=score&offset=6")));
  ASSERT_EQ(worst["items"].size(), 2u);
  EXPECT_DOUBLE_EQ(worst["items"][0]["score"].get<double>(), 0.8);
  EXPECT_TRUE(worst["items"][1]["score"].is_null());  // errors after every score

  auto errors = json_of(client->get(path(id, "/dry-run/samples?errors=true")));
  ASSERT_EQ(errors["total"], 1);
  EXPECT_EQ(errors["items"][0]["error_kind"], "grader");
  EXPECT_EQ(client->get(path(id, "/dry-run/samples?sort=nonsense")).status, 400);

  int64_t index = errors["items"][0]["index"];
  auto detail = json_of(client->get(path(id, "/dry-run/samples/" + std::to_string(index))));
  EXPECT_NE(detail["error"].get<std::string>().find("five"), std::string::npos);
  ASSERT_EQ(detail["prompt"].size(), 1u);
  EXPECT_EQ(detail["prompt"][0]["content"], "What is 4 + 1?");
  EXPECT_EQ(client->get(path(id, "/dry-run/samples/99")).status, 404);
  EXPECT_EQ(client->get(path(id, "/dry-run/samples/-1")).status, 404);
  // Samples count from 0, as their "index" and a diagnosis's examples do.
  auto first = client->get(path(id, "/dry-run/samples/0"));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(json_of(first)["index"], 0);
}

}  // namespace
}  // namespace reinforge::testing
