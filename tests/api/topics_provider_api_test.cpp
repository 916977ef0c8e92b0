// Topic discovery and categorization with a provider (issue #5): the dataset's embedding_model
// and labeling_model, resolved through the server's provider config, against a local
// OpenAI-compatible upstream whose embeddings and names the assertions can recognise.
#include <atomic>
#include <cstdlib>
#include <set>

#include "api/api_test_fixture.hpp"
#include "api/themed_records.hpp"
#include "providers/fake_upstream.hpp"

namespace reinforge::testing {
namespace {

constexpr const char* kProviderKey = "sk-test-topics-secret-4242";

// The theme a text is about, by a word only that theme's records (and topic texts) contain.
int theme_of(const std::string& text) {
  if (text.find("forecast") != std::string::npos) return 0;
  if (text.find("invoice") != std::string::npos) return 1;
  if (text.find("python") != std::string::npos) return 2;
  return 3;
}

// An upstream with an embeddings model whose vectors point at a text's theme (plus a little
// per-text spread, and deliberately not unit length) and a chat model that names a theme.
struct FakeProvider {
  std::atomic<int> embedding_calls{0};
  std::atomic<int> chat_calls{0};
  std::atomic<int> largest_batch{0};
  std::atomic<int> embeddings_status{200};  // anything else: an error in OpenAI's shape
  std::atomic<bool> wrong_dimensions{false};
  std::atomic<bool> malformed_coding_name{false};  // the coding topic's answer is not JSON
  std::atomic<bool> saw_json_schema{true};
  std::atomic<bool> saw_key{true};

  FakeResponse handle(const FakeRequest& request) {
    if (request.headers.count("authorization") == 0 ||
        request.headers.at("authorization") != std::string("Bearer ") + kProviderKey) {
      saw_key = false;
    }
    auto body = request.json();
    if (request.path == "/v1/embeddings") return embeddings(body);
    if (request.path == "/v1/chat/completions") return chat(body);
    return {404, R"({"error":{"message":"no such route"}})", {}, 0, false};
  }

  FakeResponse embeddings(const nlohmann::json& body) {
    ++embedding_calls;
    if (embeddings_status != 200) {
      // Some providers echo the key they were sent; it must not reach anything Reinforge shows.
      return {
          embeddings_status.load(),
          nlohmann::json{
              {"error", {{"message", std::string("Incorrect API key provided: ") + kProviderKey}}}}
              .dump(),
          {},
          0,
          false};
    }
    const auto& inputs = body["input"];
    largest_batch = std::max<int>(largest_batch, static_cast<int>(inputs.size()));
    nlohmann::json data = nlohmann::json::array();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      auto text = inputs[i].get<std::string>();
      std::vector<float> vector(wrong_dimensions && i > 0 ? 5 : 6, 0.0f);
      vector[static_cast<std::size_t>(theme_of(text))] = 3.0f;
      vector[4] = 0.2f * static_cast<float>(text.size() % 7);
      vector[5] = 0.1f;
      data.push_back({{"object", "embedding"}, {"index", i}, {"embedding", vector}});
    }
    return {200,
            nlohmann::json{{"object", "list"}, {"data", data}, {"model", body["model"]}}.dump(),
            {},
            0,
            false};
  }

  FakeResponse chat(const nlohmann::json& body) {
    ++chat_calls;
    if (!body.contains("response_format") ||
        body["response_format"].value("type", "") != "json_schema") {
      saw_json_schema = false;
    }
    std::string prompt = body["messages"].back()["content"].get<std::string>();
    switch (theme_of(prompt)) {
      case 0:
        return chat_completion_response(
            R"({"name":"Weather forecasts","description":"Questions about the coming weather."})");
      case 1:
        return chat_completion_response(
            "```json\n{\"name\": \"Billing questions\", \"description\": \"Invoices\\nand double "
            "charges.\"}\n```");
      case 2:
        if (malformed_coding_name)
          return chat_completion_response("Sure! This group is about Python.");
        return chat_completion_response(
            R"({"name":"Python errors","description":"Code that fails to run."})");
      default:
        return chat_completion_response(R"({"name":"Other","description":"Everything else."})");
    }
  }
};

class TopicsProviderApiTest : public ApiTest {
 protected:
  // Each test starts the server itself, with the providers it needs.
  void SetUp() override {
    // The server must see only the providers a test gives it.
    unsetenv("OPENAI_API_KEY");
    unsetenv("OPENAI_BASE_URL");
  }

  // The server with one provider (the fake, its key from the environment) serving two models.
  void start_with_models() {
    nlohmann::json config = {
        {"providers",
         {{{"name", "fake"},
           {"base_url", upstream.base_url()},
           {"api_key_env", "TOPICS_TEST_KEY"}}}},
        {"models",
         {{{"name", "embedder"}, {"provider", "fake"}, {"upstream_model", "fake-embedding-3"}},
          {{"name", "namer"}, {"provider", "fake"}, {"upstream_model", "fake-chat"}}}}};
    auto file = write_file(temp / "config.json", config.dump());
    setenv("TOPICS_TEST_KEY", kProviderKey, 1);
    server = std::make_unique<ServerProcess>(temp.path() / "data", kAdminToken,
                                             std::vector<std::string>{"--config", file.string()});
    unsetenv("TOPICS_TEST_KEY");
    client = std::make_unique<HttpClient>(server->base_url(), kAdminToken);
  }

  // No config file: the zero-config provider from OPENAI_API_KEY / OPENAI_BASE_URL.
  void start_zero_config() {
    setenv("OPENAI_API_KEY", kProviderKey, 1);
    setenv("OPENAI_BASE_URL", upstream.base_url().c_str(), 1);
    server = std::make_unique<ServerProcess>(temp.path() / "data", kAdminToken);
    unsetenv("OPENAI_API_KEY");
    unsetenv("OPENAI_BASE_URL");
    client = std::make_unique<HttpClient>(server->base_url(), kAdminToken);
  }

  int64_t dataset_with_records(const nlohmann::json& settings) {
    auto created = client->post("/api/datasets",
                                R"({"name":"themes","objective":"answer support questions"})");
    EXPECT_EQ(created.status, 201) << created.body;
    int64_t id = json_of(created)["id"];
    auto patched = client->patch(path(id, ""), nlohmann::json{{"settings", settings}}.dump());
    EXPECT_EQ(patched.status, 200) << patched.body;
    auto file = write_file(temp / "themes.jsonl", themed_records());
    auto job = wait_for_job(json_of(client->post_file(path(id, "/import"), file.string()))["id"]);
    EXPECT_EQ(job["state"], "succeeded");
    return id;
  }

  nlohmann::json discover(int64_t id) {
    auto accepted = client->post(path(id, "/topics/discover"), R"({"topics":3})");
    EXPECT_EQ(accepted.status, 202) << accepted.body;
    return wait_for_job(json_of(accepted)["id"]);
  }

  // Every record of a theme in one topic, and the three themes in three topics.
  void expect_themes_apart(int64_t id) {
    std::set<std::string> all;
    for (const char* word : {"forecast", "invoice", "python"}) {
      std::set<std::string> topics;
      auto records = json_of(client->get(path(id, std::string("/records?limit=100&q=") + word)));
      EXPECT_EQ(records["items"].size(), 30u) << word;
      for (const auto& record : records["items"])
        topics.insert(record["topic_id"].get<std::string>());
      EXPECT_EQ(topics.size(), 1u) << word;
      all.insert(topics.begin(), topics.end());
    }
    EXPECT_EQ(all.size(), 3u);
  }

  std::set<std::string> topic_names(int64_t id) {
    std::set<std::string> names;
    auto topics = json_of(client->get(path(id, "/topics")));
    for (const auto& topic : topics["topics"]) names.insert(topic["name"].get<std::string>());
    return names;
  }

  FakeProvider provider;
  FakeUpstream upstream{[this](const FakeRequest& request) { return provider.handle(request); }};
};

TEST_F(TopicsProviderApiTest, discovery_uses_the_providers_embeddings_and_the_llms_names) {
  start_with_models();
  int64_t id = dataset_with_records({{"embedding_model", "embedder"}, {"labeling_model", "namer"}});
  auto job = discover(id);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["embeddings"], "provider") << job.dump();
  EXPECT_EQ(job["result"]["labels"], "llm");
  EXPECT_TRUE(job["result"]["fallback"].is_null()) << job.dump();
  EXPECT_NE(job["message"].get<std::string>().find("embeddings from embedder"), std::string::npos)
      << job.dump();
  EXPECT_GE(provider.embedding_calls.load(), 2);  // the width probe, then the records
  EXPECT_TRUE(provider.saw_json_schema.load());
  EXPECT_TRUE(provider.saw_key.load());

  expect_themes_apart(id);
  EXPECT_EQ(topic_names(id),
            (std::set<std::string>{"Weather forecasts", "Billing questions", "Python errors"}));
  auto topics = json_of(client->get(path(id, "/topics")));
  for (const auto& topic : topics["topics"]) {
    EXPECT_EQ(topic["description"].get<std::string>().find('\n'), std::string::npos)
        << topic.dump();
    EXPECT_FALSE(topic["keywords"].empty()) << topic.dump();  // the distinctive terms stay
  }
  EXPECT_EQ(topics["method"]["discovery"]["embeddings"], "provider") << topics.dump();
  EXPECT_EQ(topics["method"]["discovery"]["labels"], "llm");
  EXPECT_EQ(topics["method"]["discovery"]["embedding_model"], "embedder");
  EXPECT_EQ(topics["method"]["categorization"]["embeddings"], "provider");

  // An edit that keeps the assignments keeps the record of how they were made; a template
  // replaces the hierarchy and starts over.
  nlohmann::json edited = {{"topics", topics["topics"]}};
  edited["topics"][0]["name"] = "Renamed";
  auto kept = client->request("PUT", path(id, "/topics?assignments=keep"), edited.dump(),
                              "application/json");
  ASSERT_EQ(kept.status, 200) << kept.body;
  EXPECT_EQ(json_of(kept)["method"]["discovery"]["labels"], "llm") << kept.body;
  auto templated = client->post(path(id, "/topics/template"), R"({"template":"customer_support"})");
  ASSERT_EQ(templated.status, 200) << templated.body;
  EXPECT_FALSE(json_of(templated)["method"].contains("discovery")) << templated.body;
}

TEST_F(TopicsProviderApiTest, categorization_uses_the_providers_embeddings) {
  start_with_models();
  int64_t id = dataset_with_records({{"embedding_model", "embedder"}});
  // Hand-written topics whose texts share no word with the records except the theme word, so
  // only the provider's vectors (not lexical overlap) can put every record in its topic.
  const std::string hierarchy = R"({"topics":[
    {"name":"Sky","description":"forecast"},
    {"name":"Money","description":"invoice"},
    {"name":"Software","description":"python"}]})";
  // Counted before the save: the categorization it starts may call the provider at once.
  int calls_before = provider.embedding_calls;
  auto saved =
      client->request("PUT", path(id, "/topics?assignments=clear"), hierarchy, "application/json");
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto job = wait_for_job(json_of(saved)["job"]["id"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["embeddings"], "provider") << job.dump();
  EXPECT_TRUE(job["result"]["labels"].is_null());
  EXPECT_EQ(job["result"]["categorized"], 90);
  // The probe, the topics' texts and the 90 records in one batch: records are embedded once.
  EXPECT_EQ(provider.embedding_calls - calls_before, 3);
  expect_themes_apart(id);
  auto topics = json_of(client->get(path(id, "/topics")));
  EXPECT_EQ(topics["method"]["categorization"]["embeddings"], "provider") << topics.dump();
  EXPECT_FALSE(topics["method"].contains("discovery"));
  auto weather = json_of(client->get(path(id, "/records?limit=100&q=forecast")));
  for (const auto& record : weather["items"]) {
    EXPECT_GT(record["confidence"].get<double>(), 0.85) << record.dump();
  }
}

TEST_F(TopicsProviderApiTest,
       a_failing_provider_falls_back_to_lexical_and_says_why_without_the_key) {
  start_with_models();
  provider.embeddings_status = 401;
  int64_t id = dataset_with_records({{"embedding_model", "embedder"}});
  auto job = discover(id);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["embeddings"], "lexical");
  EXPECT_EQ(job["result"]["labels"], "lexical");
  std::cerr << job.dump(1) << std::endl;
  std::string fallback = job["result"]["fallback"];
  EXPECT_NE(fallback.find("HTTP 401"), std::string::npos) << fallback;
  EXPECT_NE(job["message"].get<std::string>().find("offline embeddings"), std::string::npos)
      << job.dump();
  EXPECT_NE(job["message"].get<std::string>().find("HTTP 401"), std::string::npos) << job.dump();
  expect_themes_apart(id);  // the offline method still separates them
  auto topics = json_of(client->get(path(id, "/topics")));
  EXPECT_EQ(topics["method"]["discovery"]["embeddings"], "lexical");
  EXPECT_EQ(topics["method"]["discovery"]["fallback"], fallback);

  // Wrong dimensions are a provider failure too.
  provider.embeddings_status = 200;
  provider.wrong_dimensions = true;
  auto again = discover(id);
  ASSERT_EQ(again["state"], "succeeded") << again.dump();
  EXPECT_EQ(again["result"]["embeddings"], "lexical");
  EXPECT_NE(again["result"]["fallback"].get<std::string>().find("dimensions"), std::string::npos)
      << again.dump();

  for (const auto& text : {job.dump(), again.dump(), topics.dump(), server->output()}) {
    EXPECT_EQ(text.find(kProviderKey), std::string::npos) << text;
  }
}

TEST_F(TopicsProviderApiTest, a_malformed_answer_keeps_that_topics_keyword_name) {
  start_with_models();
  provider.malformed_coding_name = true;
  int64_t id = dataset_with_records({{"labeling_model", "namer"}});
  auto job = discover(id);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["embeddings"], "lexical");
  EXPECT_EQ(job["result"]["labels"], "llm");
  std::string fallback = job["result"]["fallback"];
  EXPECT_NE(fallback.find("1 of 3 topics kept keyword names"), std::string::npos) << fallback;
  EXPECT_EQ(provider.chat_calls.load(), 3);
  std::cerr << job.dump(1) << std::endl;
  auto names = topic_names(id);
  EXPECT_TRUE(names.count("Weather forecasts"));
  EXPECT_TRUE(names.count("Billing questions"));
  EXPECT_FALSE(names.count("Python errors"));
  bool keyword_name = false;
  for (const auto& name : names) keyword_name |= name.find(" · ") != std::string::npos;
  EXPECT_TRUE(keyword_name) << nlohmann::json(names).dump();
}

TEST_F(TopicsProviderApiTest, model_settings_must_name_a_model_a_provider_serves) {
  start_with_models();
  auto created = json_of(client->post("/api/datasets", R"({"name":"settings"})"));
  int64_t id = created["id"];
  EXPECT_TRUE(created["settings"]["embedding_model"].is_null());
  EXPECT_TRUE(created["settings"]["labeling_model"].is_null());

  auto unknown =
      client->patch(path(id, ""), R"({"settings":{"embedding_model":"text-embedding-3-small"}})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("settings.embedding_model"), std::string::npos) << unknown.body;
  auto unknown_chat =
      client->patch(path(id, ""), R"({"settings":{"labeling_model":"gpt-4o-mini"}})");
  EXPECT_EQ(unknown_chat.status, 400);
  EXPECT_NE(unknown_chat.body.find("settings.labeling_model"), std::string::npos)
      << unknown_chat.body;
  EXPECT_EQ(client->patch(path(id, ""), R"({"settings":{"labeling_model":42}})").status, 400);

  auto saved = client->patch(
      path(id, ""), R"({"settings":{"embedding_model":"embedder","labeling_model":" namer "}})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(json_of(saved)["settings"]["embedding_model"], "embedder");
  EXPECT_EQ(json_of(saved)["settings"]["labeling_model"], "namer");
  // A partial update keeps the rest; null goes back to the offline method.
  auto cleared = json_of(
      client->patch(path(id, ""), R"({"settings":{"embedding_model":null,"max_tokens":100}})"));
  EXPECT_TRUE(cleared["settings"]["embedding_model"].is_null());
  EXPECT_EQ(cleared["settings"]["labeling_model"], "namer");
  EXPECT_EQ(cleared["settings"]["max_tokens"], 100);
}

TEST_F(TopicsProviderApiTest, the_zero_config_openai_provider_serves_any_model_name) {
  start_zero_config();
  int64_t id = dataset_with_records(
      {{"embedding_model", "text-embedding-3-small"}, {"labeling_model", "gpt-4o-mini"}});
  auto job = discover(id);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["embeddings"], "provider") << job.dump();
  EXPECT_EQ(job["result"]["labels"], "llm");
  EXPECT_TRUE(provider.saw_key.load());
  std::set<std::string> models;
  for (const auto& request : upstream.received())
    models.insert(request.json()["model"].get<std::string>());
  EXPECT_EQ(models, (std::set<std::string>{"text-embedding-3-small", "gpt-4o-mini"}));
}

}  // namespace
}  // namespace reinforge::testing

namespace reinforge::testing {
namespace {

// A request's provider block names a URL and a key variable: the server sends a configured
// provider's key only to that provider's URL, or an editor could have any variable of its
// environment sent to a host of their choosing.
TEST_F(TopicsProviderApiTest, a_providers_key_goes_only_where_the_config_sends_it) {
  start_with_models();
  auto id = create_dataset("keys");
  ASSERT_EQ(
      client->put(path(id, "/grader"), R"({"type":"script","source":"function grade(){return 1}"})")
          .status,
      200);
  FakeUpstream elsewhere([](const FakeRequest&) { return chat_completion_response("caught"); });
  auto dry_run_to = [&](const std::string& base_url) {
    nlohmann::json body{{"mode", "base_model"},
                        {"model", "m"},
                        {"provider", {{"base_url", base_url}, {"api_key_env", "TOPICS_TEST_KEY"}}}};
    return client->post(path(id, "/dry-run"), body.dump());
  };
  auto refused = dry_run_to(elsewhere.base_url());
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("sends TOPICS_TEST_KEY only to " + upstream.base_url()),
            std::string::npos)
      << refused.body;
  EXPECT_EQ(elsewhere.requests(), 0);
  EXPECT_EQ(dry_run_to(upstream.base_url()).status, 202);
  EXPECT_EQ(dry_run_to(upstream.base_url() + "/").status, 202);
  // A variable the config does not use is refused in the same words, set (PATH) or not: the
  // answer does not tell which variables the server has.
  for (const std::string variable : {"PATH", "REINFORGE_TEST_SURELY_UNSET"}) {
    nlohmann::json body{
        {"mode", "base_model"},
        {"model", "m"},
        {"provider", {{"base_url", upstream.base_url()}, {"api_key_env", variable}}}};
    auto answer = client->post(path(id, "/dry-run"), body.dump());
    EXPECT_EQ(answer.status, 400) << answer.body;
    EXPECT_NE(answer.body.find("names no provider that uses " + variable), std::string::npos)
        << answer.body;
  }
}

}  // namespace
}  // namespace reinforge::testing
