// Generation end to end through the API (docs/generation.md), against a local upstream that
// answers like a generation model: good new records mixed with exact and near copies of the
// dataset's records, a record of another topic, an invalid one, and answers that are garbage or
// refusals. Each gate must remove what it should and keep what it should, the counts must add
// up, the cap must hold, and a cancel or a restart must add nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <random>
#include <set>

#include "api/api_test_fixture.hpp"
#include "providers/fake_upstream.hpp"
#include "support/command_run.hpp"

namespace reinforge::testing {
namespace {

using json = nlohmann::json;

struct TopicWords {
  std::string name;
  std::string lead;
  std::vector<std::string> words;
};

const std::vector<TopicWords>& topic_words() {
  static const std::vector<TopicWords> topics = {
      {"Weather",
       "forecast question:",
       {"rain", "snow", "sunny", "cloudy", "storm", "wind", "temperature", "humidity", "umbrella",
        "thunder", "drizzle", "frost", "heatwave", "breeze", "fog", "hail"}},
      {"Billing",
       "invoice question:",
       {"invoice", "refund", "charge", "payment", "receipt", "subscription", "discount", "overdue",
        "billing", "credit", "debit", "statement", "balance", "fee", "tax", "plan"}},
      {"Coding",
       "python question:",
       {"python", "function", "compile", "variable", "loop", "exception", "module", "class",
        "string", "integer", "debugger", "syntax", "import", "list", "dictionary", "recursion"}}};
  return topics;
}

// A user request of the topic: its lead and four of its words picked by `seed`.
std::string request_text(const TopicWords& topic, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<std::string> words = topic.words;
  std::shuffle(words.begin(), words.end(), random);
  return topic.lead + " my " + words[0] + " and " + words[1] + " with the " + words[2] + " " +
         words[3];
}

json record_of(const std::string& text) {
  return {{"messages",
           {{{"role", "user"}, {"content", text}},
            {{"role", "assistant"}, {"content", "Here is the answer."}}}}};
}

// The dataset: 40 Weather, 40 Billing and 8 Coding records (seeds 0..).
std::string dataset_line(int topic, int n) {
  return record_of(request_text(topic_words()[topic], topic * 1000 + n)).dump();
}

class GenerationTest : public ApiTest {
 protected:
  void SetUp() override {
    auto config = json{
        {"providers", {{{"name", "local"}, {"base_url", upstream.base_url()}}}},
        {"models", {{{"name", "writer"}, {"provider", "local"}, {"upstream_model", "writer-1"}}}}};
    std::ofstream(temp.path() / "gateway.json") << config.dump();
    start();
  }

  void start() {
    server = std::make_unique<ServerProcess>(
        temp.path() / "data", kAdminToken,
        std::vector<std::string>{"--config", (temp.path() / "gateway.json").string()});
    client = std::make_unique<HttpClient>(server->base_url(), kAdminToken);
  }

  int64_t make_dataset() {
    auto id = create_dataset("gaps");
    auto file = temp.path() / "gaps.jsonl";
    std::ofstream out(file);
    for (int n = 0; n < 40; ++n) out << dataset_line(0, n) << "\n" << dataset_line(1, n) << "\n";
    for (int n = 0; n < 8; ++n) out << dataset_line(2, n) << "\n";
    out.close();
    auto job = json_of(client->post_file(path(id, "/import"), file.string()));
    EXPECT_EQ(wait_for_job(job["id"])["state"], "succeeded");
    json topics = {{"topics", json::array()}};
    for (const auto& topic : topic_words()) {
      topics["topics"].push_back({{"name", topic.name},
                                  {"description", "Requests about " + topic.name},
                                  {"keywords", {topic.words[0], topic.words[1], topic.words[2]}}});
    }
    auto put = json_of(client->put(path(id, "/topics"), topics.dump()));
    EXPECT_EQ(wait_for_job(put["job"]["id"])["state"], "succeeded");
    EXPECT_EQ(client->patch(path(id, ""), R"({"settings": {"generation_model": "writer"}})").status,
              200);
    return id;
  }

  std::string topic_id(int64_t dataset, const std::string& name) {
    auto topics = json_of(client->get(path(dataset, "/topics")));
    for (const auto& topic : topics["topics"]) {
      if (topic["name"] == name) return topic["id"];
    }
    ADD_FAILURE() << "no topic " << name;
    return "";
  }

  double balance(int64_t dataset) {
    return json_of(client->get(path(dataset, "/coverage")))["balance_score"].get<double>();
  }

  json wait_for_run(const json& run) {
    wait_for_job(run["job_id"], 120);
    return json_of(client->get("/api/generation/runs/" + std::to_string(run["id"].get<int64_t>())));
  }

  json run_records(int64_t run_id, const std::string& status = "") {
    return json_of(client->get("/api/generation/runs/" + std::to_string(run_id) +
                               "/records?limit=1000" +
                               (status.empty() ? "" : "&status=" + status)));
  }

  int64_t generated_in_dataset(int64_t dataset) {
    return json_of(client->get(path(dataset, "/records?origin=generated&limit=1")))["total"]
        .get<int64_t>();
  }

  // Answers a generation call for the topic named in its prompt.
  static FakeResponse answer(const FakeRequest& request, std::atomic<int>& calls) {
    auto body = request.json();
    std::string system = body["messages"][0]["content"];
    int topic = 0;
    for (int t = 0; t < 3; ++t) {
      if (system.find("Topic of the records to write: " + topic_words()[t].name) !=
          std::string::npos)
        topic = t;
    }
    int call = calls++;
    if (call == 0) return {429, R"({"error": {"message": "slow down"}})", {{"Retry-After", "0"}}};
    if (call == 1) return chat_completion_response("Sure! I would love to write records for you.");
    if (call == 2) {
      FakeResponse refused = chat_completion_response("");
      auto refusal = json::parse(refused.body);
      refusal["choices"][0]["message"]["content"] = nullptr;
      refusal["choices"][0]["message"]["refusal"] = "I can't help with that.";
      refused.body = refusal.dump();
      return refused;
    }
    const auto& words = topic_words()[topic];
    json records = json::array();
    // A new request of the topic, never seen (seeds from 500 up, one per call and slot).
    auto fresh = [&](int slot) {
      return json{{"messages",
                   {{{"role", "user"},
                     {"content", request_text(words, topic * 1000 + 500 + call * 10 + slot)}},
                    {{"role", "assistant"}, {"content", "A fine answer."}}}}};
    };
    records.push_back(fresh(0));
    records.push_back(json::parse(dataset_line(topic, 1)));  // an exact copy
    json paraphrase = json::parse(dataset_line(topic, 2));   // the same words, shouted
    std::string text = paraphrase["messages"][0]["content"];
    std::transform(text.begin(), text.end(), text.begin(), ::toupper);
    paraphrase["messages"][0]["content"] = text + "!!";
    records.push_back(paraphrase);
    records.push_back(
        {{"messages",
          {{{"role", "user"},
            {"content", request_text(topic_words()[(topic + 1) % 3], 900 + call)}}}}});
    records.push_back({{"messages", {{{"role", "assistant"}, {"content", "no user turn here"}}}}});
    records.push_back(fresh(1));
    json completion = json::parse(chat_completion_response(json{{"records", records}}.dump()).body);
    completion["usage"] = {
        {"prompt_tokens", 1000}, {"completion_tokens", 300}, {"total_tokens", 1300}};
    return {200, completion.dump(), {}};
  }

  std::atomic<int> calls{0};
  std::atomic<bool> hang{false};
  FakeUpstream upstream{[this](const FakeRequest& request) {
    if (hang) return FakeResponse{200, "", {}, 0, true};
    return answer(request, calls);
  }};
};

TEST_F(GenerationTest, each_gate_removes_what_it_should_the_counts_add_up_and_the_cap_holds) {
  auto id = make_dataset();
  auto coding = topic_id(id, "Coding");
  double before = balance(id);

  // Filling Coding to its target would take 32 records; the 30% cap allows 3 of 11.
  auto plan = json_of(client->post(path(id, "/generation/plan"), "{}"));
  ASSERT_EQ(plan["topics"].size(), 1u) << plan.dump();
  EXPECT_EQ(plan["topics"][0]["topic"], coding);
  EXPECT_EQ(plan["topics"][0]["fill"], 32);
  EXPECT_EQ(plan["topics"][0]["allowed"], 3);
  EXPECT_EQ(plan["topics"][0]["clipped_by"], "topic_cap");
  EXPECT_EQ(plan["model"], "writer");
  ASSERT_FALSE(plan["notes"].empty());
  EXPECT_NE(plan["notes"][0].get<std::string>().find("clipped to 3"), std::string::npos);

  // A looser cap, and a price so the run reports its cost.
  auto started =
      client->post(path(id, "/generation"),
                   R"({"max_synthetic_share": 0.5, "records_per_call": 5, "concurrency": 1,
                                  "price": {"input_per_million": 1, "output_per_million": 4}})");
  ASSERT_EQ(started.status, 202) << started.body;
  auto run = wait_for_run(json_of(started));
  ASSERT_EQ(run["state"], "succeeded") << run.dump();
  const auto& summary = run["summary"];
  int64_t planned = run["plan"]["topics"][0]["allowed"];
  EXPECT_EQ(planned, 8);  // (0.5 × 8) / 0.5

  // Answers: one 429 (retried), then a chatty non-JSON answer and a refusal, counted apart.
  EXPECT_EQ(summary["answer_problems"]["not_json"], 1);
  EXPECT_EQ(summary["answer_problems"]["refusal"], 1);
  EXPECT_EQ(summary["failed_calls"], 0);
  // Every record is accounted for: accepted plus what each gate removed.
  int64_t removed = 0;
  for (const auto& [gate, count] : summary["gates"].items()) removed += count.get<int64_t>();
  EXPECT_EQ(summary["accepted"].get<int64_t>() + removed, summary["generated"].get<int64_t>());
  EXPECT_EQ(summary["accepted"], planned);
  // Per answer of six: two new ones, one exact copy, one paraphrase, one of another topic, one
  // invalid; the topic gate and duplicates do their part in every answer.
  int64_t answers = summary["calls"].get<int64_t>() - 2;
  EXPECT_EQ(summary["generated"], 6 * answers);
  EXPECT_EQ(summary["gates"]["exact_duplicate"], answers);
  EXPECT_EQ(summary["gates"]["near_duplicate"], answers);
  EXPECT_EQ(summary["gates"]["invalid"], answers);
  EXPECT_EQ(summary["gates"]["off_topic"].get<int64_t>() +
                summary["gates"]["low_confidence"].get<int64_t>(),
            answers);
  // Tokens as the upstream counted them (the two unusable answers count a few too), priced.
  double prompt = summary["tokens"]["prompt"].get<double>();
  double completion = summary["tokens"]["completion"].get<double>();
  EXPECT_GE(prompt, 1000.0 * answers);
  EXPECT_GE(completion, 300.0 * answers);
  EXPECT_NEAR(summary["cost_usd"].get<double>(), (prompt * 1.0 + completion * 4.0) / 1e6, 1e-9);

  // The verdicts are kept, each with its reason.
  auto rejected = run_records(run["id"], "rejected");
  EXPECT_EQ(rejected["total"], removed);
  std::set<std::string> gates;
  for (const auto& record : rejected["items"]) {
    gates.insert(record["gate"].get<std::string>());
    EXPECT_FALSE(record["reason"].get<std::string>().empty());
    if (record["gate"] == "near_duplicate") {
      EXPECT_GE(record["similarity"].get<double>(), 0.85);
    }
    if (record["gate"] == "invalid") {
      EXPECT_NE(record["reason"].get<std::string>().find("no_user_message"), std::string::npos);
    }
  }
  EXPECT_TRUE(gates.count("exact_duplicate") && gates.count("near_duplicate") &&
              gates.count("invalid"));

  // Accepted records are in the dataset, generated, in Coding, and only those.
  auto accepted = run_records(run["id"], "accepted");
  ASSERT_EQ(accepted["total"], planned);
  for (const auto& record : accepted["items"]) {
    auto stored = json_of(
        client->get(path(id, "/records/" + std::to_string(record["record_id"].get<int64_t>()))));
    EXPECT_EQ(stored["origin"], "generated");
    EXPECT_EQ(stored["topic_id"], coding);
    EXPECT_GE(stored["confidence"].get<double>(), 0.7);
    EXPECT_EQ(record["seed_ids"].size(), 3u);
  }
  EXPECT_EQ(generated_in_dataset(id), planned);
  EXPECT_GT(balance(id), before);

  // The cap holds for the next run too: Coding now has 8 real and 8 generated records.
  auto again =
      json_of(client->post(path(id, "/generation/plan"), R"({"max_synthetic_share": 0.5})"));
  EXPECT_EQ(again["allowed"], 0) << again.dump();
  auto refused = client->post(path(id, "/generation"), R"({"max_synthetic_share": 0.5})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("nothing to generate"), std::string::npos) << refused.body;
}

TEST_F(GenerationTest,
       a_reviewed_run_adds_nothing_until_accepted_and_deleting_it_takes_its_records_back) {
  auto id = make_dataset();
  double before = balance(id);
  auto started =
      client->post(path(id, "/generation"), R"({"review": true, "max_synthetic_share": 0.5})");
  ASSERT_EQ(started.status, 202) << started.body;
  auto run = wait_for_run(json_of(started));
  ASSERT_EQ(run["state"], "succeeded") << run.dump();
  EXPECT_EQ(run["counts"]["pending"], 8);
  EXPECT_EQ(generated_in_dataset(id), 0);
  EXPECT_DOUBLE_EQ(balance(id), before);

  auto run_path = "/api/generation/runs/" + std::to_string(run["id"].get<int64_t>());
  auto pending = run_records(run["id"], "pending")["items"];
  // An edit that breaks a record is refused when accepting; one that keeps it valid is kept.
  auto broken =
      client->put(run_path + "/records/" + std::to_string(pending[0]["id"].get<int64_t>()),
                  R"({"messages": [{"role": "assistant", "content": "x"}]})");
  EXPECT_EQ(json_of(broken)["valid"], false);
  json fixed = pending[1]["record"];
  fixed["messages"][1]["content"] = "An edited answer.";
  EXPECT_EQ(client
                ->put(run_path + "/records/" + std::to_string(pending[1]["id"].get<int64_t>()),
                      fixed.dump())
                .status,
            200);
  EXPECT_EQ(
      client->del(run_path + "/records/" + std::to_string(pending[2]["id"].get<int64_t>())).status,
      200);

  auto accepted = json_of(client->post(run_path + "/accept", ""));
  EXPECT_EQ(accepted["accepted"], 6);
  EXPECT_EQ(accepted["invalid"], json::array({pending[0]["id"]}));
  EXPECT_EQ(generated_in_dataset(id), 6);
  EXPECT_GT(balance(id), before);
  auto edited = json_of(client->get(path(id, "/records?q=edited&limit=5")));
  EXPECT_EQ(edited["total"], 1);

  // Deleting one accepted record removes it from the dataset; deleting the run, all of them.
  auto first = run_records(run["id"], "accepted")["items"][0];
  EXPECT_EQ(client->del(run_path + "/records/" + std::to_string(first["id"].get<int64_t>())).status,
            200);
  EXPECT_EQ(generated_in_dataset(id), 5);
  auto deleted = json_of(client->del(run_path));
  EXPECT_EQ(deleted["records_removed"], 5);
  EXPECT_EQ(generated_in_dataset(id), 0);
  EXPECT_DOUBLE_EQ(balance(id), before);
  EXPECT_EQ(client->get(run_path).status, 404);
}

// The cap on synthetic data holds through review: records waiting for a person count against
// it when the next run is planned, and accepting (pending ones, or rejected ones overruled) takes
// only what fits. Both let a topic go far past its cap before.
TEST_F(GenerationTest, the_cap_counts_records_waiting_for_review_and_holds_when_they_are_accepted) {
  auto id = make_dataset();
  const std::string coding = topic_id(id, "Coding");  // 8 real records: room for 3 at 30%
  const std::string request = json{
      {"topics", {{{"topic", coding}, {"count", 20}}}},
      {"max_synthetic_share", 0.3},
      {"review", true}}.dump();
  auto coding_plan = [&] {
    const auto plan = json_of(client->post(path(id, "/generation/plan"), request));
    for (const auto& topic : plan["topics"])
      if (topic["topic"] == coding) return topic;
    ADD_FAILURE() << "no plan for the topic " << coding << ": " << plan.dump();
    return json();
  };
  ASSERT_EQ(coding_plan()["allowed"], 3);
  auto started = client->post(path(id, "/generation"), request);
  ASSERT_EQ(started.status, 202) << started.body;
  auto run = wait_for_run(json_of(started));
  ASSERT_EQ(run["state"], "succeeded") << run.dump();
  const int64_t pending = run["counts"]["pending"].get<int64_t>();
  ASSERT_GT(pending, 0);
  auto planned_again = coding_plan();
  EXPECT_EQ(planned_again["pending"], pending);
  EXPECT_EQ(planned_again["allowed"], 3 - pending);

  // Every record of the run, pending or rejected, asked for at once.
  json ids = json::array();
  int64_t rejected = 0;
  const auto records = run_records(run["id"]);
  for (const auto& record : records["items"]) {
    ids.push_back(record["id"]);
    if (record["status"] == "rejected") ++rejected;
  }
  ASSERT_GT(rejected, 0) << records.dump();
  auto accepted = json_of(
      client->post("/api/generation/runs/" + std::to_string(run["id"].get<int64_t>()) + "/accept",
                   json{{"ids", ids}}.dump()));
  EXPECT_EQ(accepted["accepted"], pending) << accepted.dump();
  EXPECT_EQ(accepted["over_cap"].size() + accepted["invalid"].size(), static_cast<size_t>(rejected))
      << accepted.dump();
  EXPECT_GT(accepted["over_cap"].size(), 0u) << accepted.dump();
  EXPECT_EQ(generated_in_dataset(id), pending);
}

TEST_F(GenerationTest, a_cancel_or_a_restart_mid_run_adds_nothing) {
  auto id = make_dataset();
  hang = true;
  auto started = json_of(client->post(path(id, "/generation"), R"({"max_synthetic_share": 0.5})"));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  client->post("/api/jobs/" + std::to_string(started["job_id"].get<int64_t>()) + "/cancel", "");
  auto run = wait_for_run(started);
  EXPECT_EQ(run["state"], "cancelled") << run.dump();
  EXPECT_EQ(run["counts"]["accepted"], 0);
  EXPECT_EQ(generated_in_dataset(id), 0);

  auto second = json_of(client->post(path(id, "/generation"), R"({"max_synthetic_share": 0.5})"));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  server->kill_hard();
  hang = false;
  start();
  auto after =
      json_of(client->get("/api/generation/runs/" + std::to_string(second["id"].get<int64_t>())));
  EXPECT_EQ(after["state"], "failed") << after.dump();
  EXPECT_EQ(generated_in_dataset(id), 0);
  EXPECT_EQ(run_records(second["id"])["total"], 0);
}

TEST_F(GenerationTest, refuses_what_it_cannot_do_with_a_reason) {
  auto id = create_dataset("plain");
  auto no_topics = client->post(path(id, "/generation/plan"), "{}");
  EXPECT_EQ(no_topics.status, 400);
  EXPECT_NE(no_topics.body.find("define topics first"), std::string::npos);
  auto with_topics = make_dataset();
  auto unknown = client->post(path(with_topics, "/generation"), R"({"model": "nobody"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("no provider serves the model 'nobody'"), std::string::npos);
  EXPECT_EQ(
      client
          ->post(path(with_topics, "/generation"), R"({"topics": [{"topic": "t99", "count": 3}]})")
          .status,
      400);
  EXPECT_EQ(client->post(path(with_topics, "/generation"), R"({"records_per_call": 0})").status,
            400);
  EXPECT_EQ(client->post(path(with_topics, "/generation"), R"({"max_synthetic_share": 2})").status,
            400);
  EXPECT_EQ(client->patch(path(with_topics, ""), R"({"settings": {"generation_model": "nobody"}})")
                .status,
            400);
}

TEST_F(GenerationTest, the_command_plans_generates_and_reports_on_a_data_directory) {
  make_dataset();
  server.reset();  // the command works on the data directory alone
  auto data = (temp.path() / "data").string();
  auto config = (temp.path() / "gateway.json").string();
  auto plan = run_reinforge("generate --data-dir " + data +
                            " --dataset gaps --topic Coding --count 40 --plan");
  EXPECT_EQ(plan.status, 0) << plan.output;
  EXPECT_NE(plan.output.find("will generate 3"), std::string::npos) << plan.output;
  EXPECT_NE(plan.output.find("clipped to 3"), std::string::npos) << plan.output;

  auto run = run_reinforge("generate --data-dir " + data + " --dataset gaps --config " + config +
                           " --topic Coding --max-synthetic-share 0.5 --format json");
  ASSERT_EQ(run.status, 0) << run.output;
  auto result = json::parse(run.output);
  EXPECT_EQ(result["summary"]["accepted"], 8);
  EXPECT_GT(result["balance_after"].get<double>(), result["balance_before"].get<double>());

  auto text = run_reinforge("generate --data-dir " + data + " --dataset gaps --config " + config);
  EXPECT_EQ(text.status, 1);  // the 30% cap is reached: nothing to generate, said so
  EXPECT_EQ(run_reinforge("generate --data-dir " + data + " --dataset gaps --topic Nope").status,
            2);
  EXPECT_EQ(run_reinforge("generate --data-dir " + data +
                          " --dataset gaps --topic Coding --count 3 --count 4")
                .status,
            2);
}

}  // namespace
}  // namespace reinforge::testing
