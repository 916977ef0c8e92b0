// The playground's way through the gateway (the admin token's direct route and pinned provider)
// and its grades with the dataset's grader.
#include "deploy/step7_test_fixture.hpp"

namespace reinforge::testing {
namespace {

class PlaygroundTest : public Step7Test {
 protected:
  HttpResult chat(const std::string& model, std::map<std::string, std::string> headers,
                  const std::string& token = kAdminToken) {
    HttpClient caller(server->base_url(), token);
    nlohmann::json body{{"model", model}, {"messages", {{{"role", "user"}, {"content", "q-3"}}}}};
    return caller.request("POST", "/v1/chat/completions", body.dump(), "application/json", "",
                          headers);
  }
};

TEST_F(PlaygroundTest, base_and_tuned_are_reached_directly_even_while_a_deployment_routes_them) {
  auto deployed = client->post(
      "/api/deployments",
      nlohmann::json{{"mode", "replace"}, {"base_model", "support"}, {"tuned_model", "ft:worse"}}
          .dump());
  ASSERT_EQ(deployed.status, 201) << deployed.body;
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  auto content = [](const HttpResult& result) {
    return nlohmann::json::parse(result.body)["choices"][0]["message"]["content"]
        .get<std::string>();
  };
  EXPECT_EQ(content(chat("support", {})), "wrong");  // the deployment: ft:worse
  EXPECT_EQ(content(chat("support", {{"x-reinforge-route", "direct"}})), "a-3");  // the base
  EXPECT_EQ(content(chat("ft:better", {{"x-reinforge-provider", "local"}})), "a-3");
  EXPECT_EQ(chat("ft:better", {{"x-reinforge-provider", "nosuch"}}).status, 400);

  auto key = json_of(client->post("/api/gateway-keys", R"({"name": "app"})"));
  auto refused = chat("support", {{"x-reinforge-route", "direct"}}, key["key"].get<std::string>());
  EXPECT_EQ(refused.status, 403) << refused.body;
}

TEST_F(PlaygroundTest, answers_are_graded_with_the_datasets_grader) {
  auto dataset = question_dataset("play", 5,
                                  {{"type", "script"},
                                   {"source",
                                    "function grade(input) { return { score: "
                                    "input.sample.output_text.startsWith('a-') ? 1 : 0 "
                                    "}; }"}});
  nlohmann::json body{{"dataset_id", dataset},
                      {"messages", {{{"role", "user"}, {"content", "q-3"}}}},
                      {"output", {{"content", "a-3"}}}};
  auto graded = json_of(client->post("/api/playground/grade", body.dump()));
  EXPECT_EQ(graded["score"], 1.0) << graded.dump();
  body["output"]["content"] = "wrong";
  EXPECT_EQ(json_of(client->post("/api/playground/grade", body.dump()))["score"], 0.0);

  client->put(path(dataset, "/grader"), R"({"type": "exact_match"})");
  auto unreferenced = json_of(client->post("/api/playground/grade", body.dump()));
  EXPECT_TRUE(unreferenced["score"].is_null());
  EXPECT_NE(unreferenced["reason"].get<std::string>().find("reference"), std::string::npos);
  body["reference"] = "wrong";
  EXPECT_EQ(json_of(client->post("/api/playground/grade", body.dump()))["score"], 1.0);
  // A script reads the reference in the sample's shape, as in a dry run (graders.md).
  client->put(path(dataset, "/grader"),
              nlohmann::json{{"type", "script"},
                             {"source",
                              "function grade(input) { return { score: input.sample.output_text "
                              "=== input.item.reference.output_text ? 1 : 0 }; }"}}
                  .dump());
  auto scripted = json_of(client->post("/api/playground/grade", body.dump()));
  EXPECT_EQ(scripted["score"], 1.0) << scripted.dump();
  EXPECT_EQ(client->post("/api/playground/grade", R"({"dataset_id": 1})").status, 400);
}

}  // namespace
}  // namespace reinforge::testing
