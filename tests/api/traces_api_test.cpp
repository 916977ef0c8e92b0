// What the dataset JSON says about a dataset made from traces, and what a pull reports.
#include "api/api_test_fixture.hpp"

namespace reinforge::testing {
namespace {

TEST_F(ApiTest, a_dataset_from_traces_shows_its_saved_filter_and_pulls_with_it) {
  nlohmann::json filter{{"from", "1795478400000"}, {"model", "team-model"}, {"tag", "prod"}, {"status", "ok"}};
  auto created = client->post("/api/datasets/from-traces",
                              nlohmann::json{{"name", "from traces"}, {"objective", "o"}, {"filter", filter}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = std::to_string(json_of(created)["id"].get<int64_t>());
  EXPECT_EQ(json_of(created)["trace_filter"], filter);

  auto dataset = json_of(client->get("/api/datasets/" + id));
  EXPECT_EQ(dataset["trace_filter"], filter);
  EXPECT_TRUE(dataset["traces_pulled_at"].is_string());

  auto pulled = client->post("/api/datasets/" + id + "/pull-traces", "");
  ASSERT_EQ(pulled.status, 200) << pulled.body;
  EXPECT_EQ(json_of(pulled), (nlohmann::json{{"added", 0}, {"invalid", 0}, {"skipped", 0}, {"already_in_dataset", 0}}));
}

TEST_F(ApiTest, an_uploaded_dataset_has_no_trace_filter_and_cannot_pull) {
  auto id = std::to_string(create_dataset("uploaded"));
  auto dataset = json_of(client->get("/api/datasets/" + id));
  ASSERT_TRUE(dataset.contains("trace_filter"));
  EXPECT_TRUE(dataset["trace_filter"].is_null());
  EXPECT_TRUE(dataset["traces_pulled_at"].is_null());
  auto pulled = client->post("/api/datasets/" + id + "/pull-traces", "");
  EXPECT_EQ(pulled.status, 409);
  EXPECT_EQ(json_of(pulled)["error"]["code"], "no_trace_filter");
}

}  // namespace
}  // namespace reinforge::testing
