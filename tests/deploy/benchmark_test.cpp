// Benchmarks through the real server and the CLI, against a local upstream where the tuned
// model is known to be better (ft:better: 7 in 10 right against the base's 4) or not (ft:same).
#include "deploy/step7_test_fixture.hpp"
#include "support/command_run.hpp"

namespace reinforge::testing {
namespace {

const nlohmann::json kExactMatch{{"type", "exact_match"}};

class BenchmarkTest : public Step7Test {
 protected:
  nlohmann::json run_benchmark(int64_t dataset_id, const std::string& tuned, int k = 1) {
    auto started = client->post("/api/benchmarks", nlohmann::json{{"dataset_id", dataset_id},
                                                                  {"base_model", "support"},
                                                                  {"tuned_model", tuned},
                                                                  {"k", k},
                                                                  {"samples", 0}}
                                                       .dump());
    EXPECT_EQ(started.status, 202) << started.body;
    auto benchmark = json_of(started);
    EXPECT_EQ(wait_for_job(benchmark["job_id"])["state"], "succeeded");
    return json_of(
        client->get("/api/benchmarks/" + std::to_string(benchmark["id"].get<int64_t>())));
  }
};

TEST_F(BenchmarkTest, a_better_tuned_model_is_shown_better_with_paired_figures) {
  auto dataset = question_dataset("better", 100, kExactMatch);
  auto benchmark = run_benchmark(dataset, "ft:better", 2);
  const auto& report = benchmark["report"];
  ASSERT_TRUE(report.is_object()) << benchmark.dump();
  EXPECT_EQ(report["records"], 100);
  EXPECT_EQ(report["k"], 2);
  EXPECT_DOUBLE_EQ(report["base"]["mean"].get<double>(), 0.4);
  EXPECT_DOUBLE_EQ(report["tuned"]["mean"].get<double>(), 0.7);
  EXPECT_EQ(report["headline"], "0.40 \u2192 0.70, +75%");
  EXPECT_NEAR(report["difference"]["mean"].get<double>(), 0.3, 1e-9);
  EXPECT_NEAR(report["difference"]["relative"].get<double>(), 0.75, 1e-9);
  EXPECT_TRUE(report["difference"]["conclusive"].get<bool>());
  // Each interval holds its mean and is not absurdly wide for 100 records.
  for (const char* side : {"base", "tuned"}) {
    auto ci = report[side]["ci"];
    EXPECT_LE(ci[0].get<double>(), report[side]["mean"].get<double>());
    EXPECT_GE(ci[1].get<double>(), report[side]["mean"].get<double>());
    EXPECT_LT(ci[1].get<double>() - ci[0].get<double>(), 0.25);
    EXPECT_EQ(report[side]["scored"], 200);
    EXPECT_GT(report[side]["completion_tokens"].get<int64_t>(), 0);
  }
  EXPECT_GT(report["difference"]["ci"][0].get<double>(), 0.15);
  EXPECT_EQ(report["outcomes"]["win"], 30);
  EXPECT_EQ(report["outcomes"]["tie"], 70);
  EXPECT_EQ(report["outcomes"]["loss"], 0);

  // The samples side by side: the 30 wins, each with both models' answers.
  auto id = std::to_string(benchmark["id"].get<int64_t>());
  auto wins = json_of(client->get("/api/benchmarks/" + id + "/samples?outcome=win&limit=100"));
  EXPECT_EQ(wins["total"], 30);
  const auto& first = wins["items"][0];
  EXPECT_EQ(first["base"]["samples"].size(), 2u);
  EXPECT_EQ(first["base"]["samples"][0]["output_text"], "wrong");
  EXPECT_EQ(first["tuned"]["samples"][0]["score"], 1.0);
  EXPECT_EQ(first["prompt"][0]["content"].get<std::string>().rfind("q-", 0), 0u);
  // Kept with the model it measured.
  auto listed = json_of(client->get("/api/benchmarks?dataset_id=" + std::to_string(dataset)));
  EXPECT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["tuned_model"], "ft:better");
}

TEST_F(BenchmarkTest, a_model_no_better_than_its_base_is_not_called_better) {
  auto dataset = question_dataset("same", 60, kExactMatch);
  auto report = run_benchmark(dataset, "ft:same")["report"];
  EXPECT_EQ(report["headline"], "0.40 \u2192 0.40, +0%");
  EXPECT_FALSE(report["difference"]["conclusive"].get<bool>());
  EXPECT_EQ(report["outcomes"]["tie"], 60);
  EXPECT_LE(report["difference"]["ci"][0].get<double>(), 0.0);
  EXPECT_GE(report["difference"]["ci"][1].get<double>(), 0.0);
}

TEST_F(BenchmarkTest, bad_requests_name_the_fault) {
  auto dataset = question_dataset("faults", 10, kExactMatch);
  auto post = [&](nlohmann::json body) { return client->post("/api/benchmarks", body.dump()); };
  nlohmann::json good{
      {"dataset_id", dataset}, {"base_model", "support"}, {"tuned_model", "ft:better"}};
  auto unknown_model = good;
  unknown_model["base_model"] = "nosuch";
  EXPECT_EQ(post(unknown_model).status, 400);
  auto unknown_provider = good;
  unknown_provider["provider"] = "nosuch";
  auto refused = post(unknown_provider);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("nosuch"), std::string::npos);
  auto bad_k = good;
  bad_k["k"] = 0;
  EXPECT_EQ(post(bad_k).status, 400);
  auto hot = good;
  hot["sampling"] = {{"temperature", "hot"}};
  refused = post(hot);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("sampling.temperature must be a number from 0 to 2"), std::string::npos)
      << refused.body;
  auto unknown_run = good;
  unknown_run["run_id"] = 999;
  EXPECT_EQ(post(unknown_run).status, 404);
  auto no_grader = good;
  no_grader["dataset_id"] = create_dataset("no-grader");
  EXPECT_EQ(post(no_grader).status, 409);
  EXPECT_EQ(client->get("/api/benchmarks/999").status, 404);
}

TEST_F(BenchmarkTest, the_command_gates_a_pipeline_on_a_conclusive_improvement) {
  question_dataset("cli", 50, kExactMatch);
  server.reset();  // the command works on the data directory alone
  auto config = (temp.path() / "gateway.json").string();
  auto data = (temp.path() / "data").string();
  auto better = run_reinforge("benchmark --data-dir " + data + " --config " + config +
                              " --dataset cli --base support --tuned ft:better --require-better");
  EXPECT_EQ(better.status, 0) << better.output;
  EXPECT_NE(better.output.find("0.40 \u2192 0.70, +75%"), std::string::npos) << better.output;
  auto same =
      run_reinforge("benchmark --data-dir " + data + " --config " + config +
                    " --dataset cli --base support --tuned ft:same --require-better --format json");
  EXPECT_EQ(same.status, 3) << same.output;
  EXPECT_FALSE(
      nlohmann::json::parse(same.output)["report"]["difference"]["conclusive"].get<bool>());
  EXPECT_EQ(run_reinforge("benchmark --data-dir " + data + " --dataset cli --base support").status,
            2);
}

}  // namespace
}  // namespace reinforge::testing
