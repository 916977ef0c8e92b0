#include <set>

#include "api/api_test_fixture.hpp"
#include "api/themed_records.hpp"

namespace reinforge::testing {
namespace {

// Two kinds of request under each of two hand-written topics: "Travel" holds flights and
// hotels, "Money" holds invoices (and nothing else).
std::string records_jsonl() {
  return records_from_themes({{"travel question: my flight and airline booking, the",
                               {"flight", "airline", "boarding", "layover", "departure"}},
                              {"travel question: my hotel room booking, the",
                               {"hotel", "room", "reservation", "checkin", "suite"}},
                              {"my invoice has a wrong amount, the",
                               {"invoice", "refund", "charge", "payment", "receipt"}}},
                             20);
}

class TopicEditsApiTest : public ApiTest {
 protected:
  int64_t dataset_with_topics() {
    int64_t id = create_dataset("edits");
    auto file = write_file(temp / "records.jsonl", records_jsonl());
    EXPECT_EQ(
        wait_for_job(json_of(client->post_file(path(id, "/import"), file.string()))["id"])["state"],
        "succeeded");
    const std::string hierarchy = R"({"topics":[
      {"id":"t1","name":"Travel","description":"flights and hotels","keywords":["travel","flight","hotel"],"target_share":0.6},
      {"id":"t2","name":"Money","description":"invoices and refunds","keywords":["invoice","refund"]}]})";
    auto saved = client->request("PUT", path(id, "/topics?assignments=clear"), hierarchy,
                                 "application/json");
    EXPECT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(wait_for_job(json_of(saved)["job"]["id"])["state"], "succeeded");
    // A third topic added by hand afterwards, so it has no records.
    auto topics = json_of(client->get(path(id, "/topics")));
    topics["topics"].push_back({{"id", "t3"}, {"name", "Weather"}, {"keywords", {"weather"}}});
    EXPECT_EQ(client
                  ->request("PUT", path(id, "/topics?assignments=keep"), topics.dump(),
                            "application/json")
                  .status,
              200);
    return id;
  }
  nlohmann::json records(int64_t id, const std::string& query) {
    return json_of(client->get(path(id, "/records?limit=1000&" + query)))["items"];
  }
  nlohmann::json post(const std::string& url, const std::string& body, int status) {
    auto result = client->post(url, body);
    EXPECT_EQ(result.status, status) << url << " " << body << " → " << result.body;
    return json_of(result);
  }
};

TEST_F(TopicEditsApiTest, merging_moves_records_with_their_confidence_and_manual_choice) {
  int64_t id = dataset_with_topics();
  auto money = records(id, "topic=t2");
  ASSERT_EQ(money.size(), 20u);
  int64_t chosen = money[0]["id"];
  ASSERT_EQ(
      client->put(path(id, "/records/" + std::to_string(chosen) + "/topic"), R"({"topic":"t3"})")
          .status,
      200);
  std::map<int64_t, double> confidence;
  for (const auto& record : records(id, "topic=t2"))
    confidence[record["id"]] = record["confidence"];

  auto merged = post(path(id, "/topics/merge"),
                     R"({"topics":["t3","t2"],"into":"t2","name":"Money and weather"})", 200);
  ASSERT_EQ(merged["topics"].size(), 2u);
  EXPECT_EQ(merged["topics"][1]["id"], "t2");
  EXPECT_EQ(merged["topics"][1]["name"], "Money and weather");
  EXPECT_EQ(merged["merged"]["records_moved"], 1);
  EXPECT_EQ(merged["source"], "manual");
  EXPECT_EQ(merged["records"]["t2"], 20);
  EXPECT_FALSE(merged["records"].contains("t3"));

  for (const auto& record : records(id, "topic=t2")) {
    if (record["id"] == chosen) {
      EXPECT_TRUE(record["topic_manual"].get<bool>());  // the person's choice moved with the topic
      EXPECT_EQ(record["confidence"], 1.0);
    } else {
      EXPECT_FALSE(record["topic_manual"].get<bool>());
      EXPECT_EQ(record["confidence"], confidence[record["id"]]);
    }
  }
  auto coverage = json_of(client->get(path(id, "/coverage")));
  EXPECT_EQ(coverage["topics"].size(), 2u);
  EXPECT_EQ(coverage["uncategorized"], 0);
}

TEST_F(TopicEditsApiTest, merge_errors_say_what_is_wrong) {
  int64_t id = dataset_with_topics();
  auto message = [&](const std::string& body, int status) {
    return post(path(id, "/topics/merge"), body, status)["error"]["message"].get<std::string>();
  };
  EXPECT_NE(message(R"({"topics":["t1"],"into":"t1"})", 400).find("at least two"),
            std::string::npos);
  EXPECT_NE(message(R"({"topics":["t1","t9"],"into":"t1"})", 404).find("t9"), std::string::npos);
  EXPECT_NE(message(R"({"topics":["t1","t2"],"into":"t3"})", 400).find("must be one of"),
            std::string::npos);
  EXPECT_NE(message(R"({"topics":["t1","t1"],"into":"t1"})", 400).find("twice"), std::string::npos);
  EXPECT_NE(
      message(R"({"topics":["t1","t2"],"into":"t1","name":"Weather"})", 400).find("already exists"),
      std::string::npos);
  EXPECT_EQ(json_of(client->get(path(id, "/topics")))["topics"].size(), 3u);  // nothing changed
  int64_t empty = create_dataset("no-topics");
  post(path(empty, "/topics/merge"), R"({"topics":["t1","t2"],"into":"t1"})", 409);
}

TEST_F(TopicEditsApiTest, splitting_makes_sub_topics_from_the_records_and_moves_them) {
  int64_t id = dataset_with_topics();
  auto travel = records(id, "topic=t1");
  ASSERT_EQ(travel.size(), 40u);
  int64_t chosen = travel[0]["id"];
  ASSERT_EQ(
      client->put(path(id, "/records/" + std::to_string(chosen) + "/topic"), R"({"topic":"t1"})")
          .status,
      200);

  auto job = post(path(id, "/topics/t1/split"), R"({"parts":2})", 202);
  EXPECT_EQ(job["kind"], "split_topic");
  auto done = wait_for_job(job["id"]);
  ASSERT_EQ(done["state"], "succeeded") << done.dump();
  EXPECT_EQ(done["result"]["parts"].size(), 2u);

  auto topics = json_of(client->get(path(id, "/topics")));
  const auto& parent = topics["topics"][0];
  ASSERT_EQ(parent["children"].size(), 2u);
  EXPECT_TRUE(parent["target_share"].is_null());
  EXPECT_NEAR(parent["children"][0]["target_share"].get<double>(), 0.3, 1e-12);
  EXPECT_EQ(parent["children"][0]["id"], "t1.1");
  EXPECT_FALSE(topics["records"].contains("t1"));
  EXPECT_EQ(topics["records"]["t1.1"].get<int>() + topics["records"]["t1.2"].get<int>(), 40);

  // Flights and hotels land in different parts.
  std::set<std::string> flight_parts, hotel_parts;
  for (const auto& record : records(id, "q=airline"))
    flight_parts.insert(record["topic_id"].get<std::string>());
  for (const auto& record : records(id, "q=hotel"))
    hotel_parts.insert(record["topic_id"].get<std::string>());
  ASSERT_EQ(flight_parts.size(), 1u);
  ASSERT_EQ(hotel_parts.size(), 1u);
  EXPECT_NE(*flight_parts.begin(), *hotel_parts.begin());

  // The person's record is in a part and still theirs: re-categorizing all keeps it there.
  auto record = json_of(client->get(path(id, "/records/" + std::to_string(chosen))));
  std::string part = record["topic_id"];
  EXPECT_EQ(part.rfind("t1.", 0), 0u);
  EXPECT_TRUE(record["topic_manual"].get<bool>());
  ASSERT_EQ(
      wait_for_job(post(path(id, "/topics/categorize"), R"({"mode":"all"})", 202)["id"])["state"],
      "succeeded");
  EXPECT_EQ(json_of(client->get(path(id, "/records/" + std::to_string(chosen))))["topic_id"], part);
}

TEST_F(TopicEditsApiTest, split_errors_say_what_is_wrong) {
  int64_t id = dataset_with_topics();
  post(path(id, "/topics/t9/split"), "{}", 404);
  EXPECT_NE(post(path(id, "/topics/t1/split"), R"({"parts":9})", 400)["error"]["message"]
                .get<std::string>()
                .find("2 to 8"),
            std::string::npos);
  // Weather has no records.
  EXPECT_NE(post(path(id, "/topics/t3/split"), R"({"parts":null})", 409)["error"]["message"]
                .get<std::string>()
                .find("at least 4"),
            std::string::npos);
  ASSERT_EQ(wait_for_job(post(path(id, "/topics/t1/split"), "{}", 202)["id"])["state"],
            "succeeded");
  EXPECT_NE(
      post(path(id, "/topics/t1/split"), "{}", 400)["error"]["message"].get<std::string>().find(
          "already has sub-topics"),
      std::string::npos);
}

}  // namespace
}  // namespace reinforge::testing
