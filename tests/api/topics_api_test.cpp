#include <set>

#include "api/api_test_fixture.hpp"
#include "api/themed_records.hpp"

namespace reinforge::testing {
namespace {

class TopicsApiTest : public ApiTest {
 protected:
  int64_t dataset_with_records() {
    int64_t id = create_dataset("topics");
    auto file = write_file(temp / "themes.jsonl", themed_records());
    auto job = wait_for_job(json_of(client->post_file(path(id, "/import"), file.string()))["id"]);
    EXPECT_EQ(job["state"], "succeeded");
    return id;
  }

  // The step 2 job that Create & start queues after its import (null if none comes in 60 s).
  nlohmann::json wait_for_follow_up(int64_t id) {
    for (int i = 0; i < 1200; ++i) {
      auto jobs = json_of(client->get(path(id, "/jobs")));
      for (const auto& job : jobs["items"]) {
        if (job["kind"] == "discover_topics") return job;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return nullptr;
  }
};

TEST_F(TopicsApiTest, discovery_creates_topics_and_categorizes_every_record) {
  int64_t id = dataset_with_records();
  auto dataset = json_of(client->get(path(id, "")));
  EXPECT_EQ(dataset["steps"][1]["status"], "waiting");

  auto accepted = client->post(path(id, "/topics/discover"), R"({"topics":3})");
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  auto job = wait_for_job(json_of(accepted)["id"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();

  auto topics = json_of(client->get(path(id, "/topics")));
  EXPECT_EQ(topics["source"], "auto");
  ASSERT_EQ(topics["topics"].size(), 3u);
  EXPECT_EQ(topics["records"].value("uncategorized", -1), 0);
  int64_t categorized = 0;
  for (const auto& [topic, count] : topics["records"].items()) categorized += count.get<int64_t>();
  EXPECT_EQ(categorized, 90);

  auto step = json_of(client->get(path(id, "")))["steps"][1];
  EXPECT_TRUE(step["status"] == "complete" || step["status"] == "attention") << step.dump();
  EXPECT_NE(step["headline"].get<std::string>().find("3 topics"), std::string::npos) << step.dump();

  auto coverage = json_of(client->get(path(id, "/coverage")));
  ASSERT_EQ(coverage["topics"].size(), 3u);
  EXPECT_EQ(coverage["categorized"], 90);
  EXPECT_NEAR(coverage["topics"][0]["target"].get<double>(), 1.0 / 3, 1e-9);
  EXPECT_GT(coverage["balance_score"].get<double>(), 0.6);  // three themes of 30 records each
  EXPECT_EQ(coverage["balance_band"], "good");
  // Every confidence band is there, 0 when empty, and they add up to the topic's records.
  for (const auto& topic : coverage["topics"]) {
    const auto& mix = topic["confidence"];
    ASSERT_TRUE(mix.contains("high") && mix.contains("medium") && mix.contains("low")) << mix;
    EXPECT_EQ(mix["high"].get<int>() + mix["medium"].get<int>() + mix["low"].get<int>(),
              topic["records"].get<int>());
  }
  auto listed = json_of(client->get("/api/datasets"))["items"][0];
  EXPECT_EQ(listed["topic_count"], 3);
  EXPECT_DOUBLE_EQ(listed["balance_score"].get<double>(), coverage["balance_score"].get<double>());
  EXPECT_EQ(listed["steps"][2]["status"], "complete");
  auto skipped = json_of(client->post(path(id, "/coverage/skip"), "{}"));
  EXPECT_EQ(skipped["steps"][2]["status"], "skipped");

  // Each theme should land in its own topic.
  std::set<std::string> weather_topics;
  auto weather = json_of(client->get(path(id, "/records?q=forecast&limit=100")));
  for (const auto& record : weather["items"])
    weather_topics.insert(record["topic_id"].get<std::string>());
  EXPECT_EQ(weather_topics.size(), 1u);
}

TEST_F(TopicsApiTest, a_persons_assignment_survives_recategorization) {
  int64_t id = dataset_with_records();
  auto applied = client->post(path(id, "/topics/template"), R"({"template":"customer_support"})");
  ASSERT_EQ(applied.status, 200) << applied.body;
  ASSERT_EQ(wait_for_job(json_of(applied)["job"]["id"])["state"], "succeeded");
  auto topics = json_of(client->get(path(id, "/topics")));
  EXPECT_EQ(topics["source"], "template");
  std::string chosen = topics["topics"][0]["id"];

  auto record = json_of(client->get(path(id, "/records?q=python&limit=1")))["items"][0];
  std::string record_path =
      path(id, "/records/" + std::to_string(record["id"].get<int64_t>()) + "/topic");
  auto assigned = client->put(record_path, nlohmann::json{{"topic", chosen}}.dump());
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_TRUE(json_of(assigned)["topic_manual"].get<bool>());
  EXPECT_EQ(client->put(record_path, R"({"topic":"no-such-topic"})").status, 400);

  auto again = client->post(path(id, "/topics/categorize"), R"({"mode":"all"})");
  ASSERT_EQ(wait_for_job(json_of(again)["id"])["state"], "succeeded");
  auto after = json_of(client->get(path(id, "/records?q=python&limit=1")))["items"][0];
  EXPECT_EQ(after["topic_id"], chosen);

  auto in_topic = json_of(client->get(path(id, "/records?topic=" + chosen + "&limit=1")));
  EXPECT_GE(in_topic["total"].get<int>(), 1);
}

TEST_F(TopicsApiTest, a_hand_written_hierarchy_is_validated_and_categorized) {
  int64_t id = dataset_with_records();
  auto bad = client->request("PUT", path(id, "/topics?assignments=clear"),
                             R"({"topics":[{"name":"a","target_share":4}]})", "application/json");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("target_share"), std::string::npos) << bad.body;

  const std::string hierarchy = R"({"topics":[
    {"name":"Weather","description":"forecasts, rain and temperature","keywords":["weather","forecast","rain"]},
    {"name":"Billing","description":"invoices, refunds and charges","keywords":["invoice","refund","billed"]},
    {"name":"Programming","description":"python code and errors","keywords":["python","code","error"]}]})";
  auto saved =
      client->request("PUT", path(id, "/topics?assignments=clear"), hierarchy, "application/json");
  ASSERT_EQ(saved.status, 200) << saved.body;
  ASSERT_EQ(wait_for_job(json_of(saved)["job"]["id"])["state"], "succeeded");
  auto billing = json_of(client->get(path(id, "/records?q=invoice&limit=100")));
  std::set<std::string> topics;
  for (const auto& record : billing["items"]) topics.insert(record["topic_id"].get<std::string>());
  ASSERT_EQ(topics.size(), 1u);
  auto hierarchy_back = json_of(client->get(path(id, "/topics")));
  EXPECT_EQ(hierarchy_back["topics"][1]["name"], "Billing");
  EXPECT_EQ(hierarchy_back["topics"][1]["id"], *topics.begin());
}

TEST_F(TopicsApiTest, create_and_start_discovers_topics_once_the_import_is_done) {
  int64_t id = create_dataset("started");
  auto file = write_file(temp / "themes.jsonl", themed_records());
  auto accepted =
      client->post_file(path(id, "/import?start=true&filename=themes.jsonl"), file.string());
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  ASSERT_EQ(wait_for_job(json_of(accepted)["id"])["state"], "succeeded");

  auto discovery = wait_for_follow_up(id);
  ASSERT_FALSE(discovery.is_null()) << "no topic discovery followed the import";
  ASSERT_EQ(wait_for_job(discovery["id"])["state"], "succeeded");
  auto topics = json_of(client->get(path(id, "/topics")));
  EXPECT_EQ(topics["source"], "auto");
  EXPECT_GE(topics["topics"].size(), 3u);
  EXPECT_EQ(topics["records"].value("uncategorized", -1), 0) << topics["records"].dump();
  auto dataset = client->get(path(id, ""));
  auto step = json_of(dataset)["steps"][1];
  EXPECT_TRUE(step["status"] == "complete" || step["status"] == "attention") << dataset.body;

  EXPECT_EQ(client->post_file(path(id, "/import?start=maybe"), file.string()).status, 400);
}

TEST_F(TopicsApiTest, create_and_start_on_too_few_records_leaves_topics_waiting_without_a_failure) {
  int64_t id = create_dataset("tiny");
  auto file =
      write_file(temp / "two.jsonl", R"({"messages":[{"role":"user","content":"hello there"}]})"
                                     "\n"
                                     R"({"messages":[{"role":"user","content":"good morning"}]})"
                                     "\n");
  auto accepted = client->post_file(path(id, "/import?start=true"), file.string());
  ASSERT_EQ(wait_for_job(json_of(accepted)["id"])["state"], "succeeded");
  for (int i = 0; i < 200; ++i) {
    auto jobs = json_of(client->get(path(id, "/jobs")))["items"];
    if (jobs.size() == 2 && jobs[0]["state"] != "queued" && jobs[0]["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  auto jobs = json_of(client->get(path(id, "/jobs")))["items"];
  ASSERT_EQ(jobs.size(), 2u) << jobs.dump();
  EXPECT_EQ(jobs[0]["kind"], "discover_topics");
  EXPECT_EQ(jobs[0]["state"], "succeeded") << jobs[0].dump();
  EXPECT_EQ(json_of(client->get(path(id, "")))["steps"][1]["status"], "waiting");
}

TEST_F(TopicsApiTest, a_first_hierarchy_saved_by_hand_is_categorized_without_being_asked) {
  int64_t id = dataset_with_records();
  // Before any topic, every valid record counts as uncategorized (the editor's footer says so).
  auto none = json_of(client->get(path(id, "/topics")));
  EXPECT_TRUE(none["topics"].empty());
  EXPECT_EQ(none["records"], (nlohmann::json{{"uncategorized", json_of(client->get(path(id, "")))["valid_count"]}}))
      << none.dump();
  const std::string hierarchy = R"({"topics":[
    {"name":"Weather","description":"forecasts, rain and temperature","keywords":["weather","forecast","rain"]},
    {"name":"Billing","description":"invoices, refunds and charges","keywords":["invoice","refund","billed"]}]})";
  auto saved = client->request("PUT", path(id, "/topics"), hierarchy, "application/json");
  ASSERT_EQ(saved.status, 200) << saved.body;
  ASSERT_TRUE(json_of(saved).contains("job")) << saved.body;
  ASSERT_EQ(wait_for_job(json_of(saved)["job"]["id"])["state"], "succeeded");
  auto topics = json_of(client->get(path(id, "/topics")));
  EXPECT_EQ(topics["records"].value("uncategorized", -1), 0) << topics["records"].dump();

  // An edit of a categorized hierarchy keeps the assignments and starts nothing.
  auto renamed = nlohmann::json::parse(json_of(client->get(path(id, "/topics/export"))).dump());
  renamed["topics"][0]["name"] = "Forecasts";
  auto edited = client->request("PUT", path(id, "/topics"), renamed.dump(), "application/json");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_FALSE(json_of(edited).contains("job")) << edited.body;
}

TEST_F(TopicsApiTest, a_keep_save_that_drops_every_old_topic_leaves_the_records_uncategorized) {
  int64_t id = dataset_with_records();
  auto applied = client->post(path(id, "/topics/template"), R"({"template":"customer_support"})");
  ASSERT_EQ(wait_for_job(json_of(applied)["job"]["id"])["state"], "succeeded");
  // New topics with new ids: kept assignments to nothing, and nothing is re-categorized.
  auto saved =
      client->request("PUT", path(id, "/topics?assignments=keep"),
                      R"({"topics":[{"id":"n1","name":"Weather"},{"id":"n2","name":"Billing"}]})",
                      "application/json");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_FALSE(json_of(saved).contains("job")) << saved.body;
  EXPECT_EQ(json_of(client->get(path(id, "/topics")))["records"]["uncategorized"], 90);
}

TEST_F(TopicsApiTest, create_and_start_keeps_topics_defined_while_the_import_waited) {
  int64_t id = create_dataset("defined-meanwhile");
  const std::string hierarchy = R"({"topics":[
    {"name":"Weather","description":"forecasts, rain and temperature","keywords":["weather","forecast","rain"]},
    {"name":"Billing","description":"invoices, refunds and charges","keywords":["invoice","refund","billed"]},
    {"name":"Programming","description":"python code and errors","keywords":["python","code","error"]}]})";
  ASSERT_EQ(client->request("PUT", path(id, "/topics"), hierarchy, "application/json").status, 200);
  auto file = write_file(temp / "themes.jsonl", themed_records());
  auto accepted = client->post_file(path(id, "/import?start=true"), file.string());
  ASSERT_EQ(wait_for_job(json_of(accepted)["id"])["state"], "succeeded");
  auto follow_up = wait_for_follow_up(id);
  ASSERT_FALSE(follow_up.is_null());
  ASSERT_EQ(wait_for_job(follow_up["id"])["state"], "succeeded");
  auto topics = json_of(client->get(path(id, "/topics")));
  EXPECT_EQ(topics["source"], "manual");
  ASSERT_EQ(topics["topics"].size(), 3u);
  EXPECT_EQ(topics["topics"][1]["name"], "Billing");
  EXPECT_EQ(topics["records"].value("uncategorized", -1), 0) << topics["records"].dump();
}

TEST_F(TopicsApiTest, recategorizing_unlabeled_places_a_small_import_and_leaves_the_rest_alone) {
  int64_t id = dataset_with_records();
  const std::string hierarchy = R"({"topics":[
    {"name":"Weather","description":"forecasts, rain and temperature","keywords":["weather","forecast","rain"]},
    {"name":"Billing","description":"invoices, refunds and charges","keywords":["invoice","refund","billed"]},
    {"name":"Programming","description":"python code and errors","keywords":["python","code","error"]}]})";
  auto saved = client->request("PUT", path(id, "/topics?assignments=clear"), hierarchy, "application/json");
  ASSERT_EQ(wait_for_job(json_of(saved)["job"]["id"])["state"], "succeeded");
  auto before = json_of(client->get(path(id, "/records?limit=200")))["items"];

  std::string more = R"({"messages":[{"role":"user","content":"is rain in the forecast for the weekend"}]})"
                     "\n"
                     R"({"messages":[{"role":"user","content":"why was my card billed twice on this invoice"}]})"
                     "\n"
                     R"({"messages":[{"role":"user","content":"this python function raises an error"}]})"
                     "\n";
  auto file = write_file(temp / "more.jsonl", more);
  ASSERT_EQ(wait_for_job(json_of(client->post_file(path(id, "/import"), file.string()))["id"])["state"], "succeeded");
  EXPECT_EQ(json_of(client->get(path(id, "/topics")))["records"]["uncategorized"], 3);

  auto accepted = client->post(path(id, "/topics/categorize"), R"({"mode":"unlabeled"})");
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  auto job = wait_for_job(json_of(accepted)["id"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["categorized"], 3);
  auto topics = json_of(client->get(path(id, "/topics")));
  EXPECT_EQ(topics["records"].value("uncategorized", -1), 0) << topics["records"].dump();
  auto topic_of = [&](const std::string& words) {
    auto found = json_of(client->get(path(id, "/records?limit=5&q=" + words)))["items"];
    return found.size() == 1 ? found[0]["topic_id"].get<std::string>() : std::string("?");
  };
  EXPECT_EQ(topic_of("weekend"), topics["topics"][0]["id"]);
  EXPECT_EQ(topic_of("card"), topics["topics"][1]["id"]);
  EXPECT_EQ(topic_of("raises"), topics["topics"][2]["id"]);
  // The records categorized before keep their topic and confidence.
  auto after = json_of(client->get(path(id, "/records?limit=200")))["items"];
  for (const auto& old_record : before) {
    for (const auto& record : after) {
      if (record["id"] != old_record["id"]) continue;
      EXPECT_EQ(record["topic_id"], old_record["topic_id"]);
      EXPECT_EQ(record["confidence"], old_record["confidence"]);
    }
  }
}

TEST_F(TopicsApiTest, a_record_nothing_can_place_gets_a_topic_with_confidence_zero) {
  int64_t id = create_dataset("images");
  std::string lines = themed_records();
  lines +=
      R"({"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]},)"
      R"({"role":"assistant","content":"A cat."}]})"
      "\n";
  auto file = write_file(temp / "images.jsonl", lines);
  ASSERT_EQ(
      wait_for_job(json_of(client->post_file(path(id, "/import"), file.string()))["id"])["state"],
      "succeeded");
  auto applied = client->post(path(id, "/topics/template"), R"({"template":"customer_support"})");
  ASSERT_EQ(wait_for_job(json_of(applied)["job"]["id"])["state"], "succeeded");

  auto topics = json_of(client->get(path(id, "/topics")));
  EXPECT_EQ(topics["records"].value("uncategorized", -1), 0) << topics["records"].dump();
  auto image = json_of(client->get(path(id, "/records?q=cat&limit=5")))["items"];
  ASSERT_EQ(image.size(), 1u) << image.dump();
  EXPECT_FALSE(image[0]["topic_id"].is_null());
  EXPECT_DOUBLE_EQ(image[0]["confidence"].get<double>(), 0.0);
  auto step = json_of(client->get(path(id, "")))["steps"][1];
  EXPECT_NE(step["status"], "ready") << step.dump();
}

}  // namespace
}  // namespace reinforge::testing
