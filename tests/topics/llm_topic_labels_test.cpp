#include "topics/llm_topic_labels.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "providers/fake_upstream.hpp"
#include "providers/openai_compatible_provider.hpp"

using namespace reinforge::topics;
using reinforge::providers::OpenAiCompatibleProvider;
using reinforge::providers::ProviderConfig;
using reinforge::testing::chat_completion_response;
using reinforge::testing::FakeRequest;
using reinforge::testing::FakeResponse;
using reinforge::testing::FakeUpstream;

namespace {

nlohmann::json message(const std::string& content) {
  return {{"role", "assistant"}, {"content", content}};
}

std::vector<ChatModel> model_at(const std::string& base_url, const std::string& model = "namer") {
  ProviderConfig config;
  config.name = "fake";
  config.base_url = base_url;
  config.initial_backoff_ms = 5;
  config.max_retries = 1;
  return {{std::make_shared<OpenAiCompatibleProvider>(config), model}};
}

TopicSet three_topics() {
  TopicSet set;
  for (const char* word : {"refund", "invoice", "password"}) {
    Topic topic;
    topic.id = "t" + std::to_string(set.topics.size() + 1);
    topic.name = std::string(word) + " · order";
    topic.keywords = {word, "order"};
    topic.examples = {std::string("help with my ") + word};
    set.topics.push_back(topic);
  }
  Topic child;
  child.id = "t3.1";
  child.name = "reset · password";
  child.keywords = {"reset"};
  set.topics[2].children.push_back(child);
  return set;
}

}  // namespace

TEST(ParseTopicLabel, reads_names_and_descriptions_the_way_models_write_them) {
  LlmLabelOptions options;
  struct Case {
    std::string content;
    bool ok;
    std::string name;
    std::string description;
  };
  std::vector<Case> cases = {
      {R"({"name":"Refunds","description":"Money back for orders."})", true, "Refunds",
       "Money back for orders."},
      {"```json\n{\"name\": \"Refunds\", \"description\": \"Money\\nback.\"}\n```", true, "Refunds",
       "Money back."},
      {R"({"name":"  \"Refunds\"  ","description":"x"})", true, "Refunds", "x"},
      {R"({"name":"Refunds"})", true, "Refunds", ""},
      {R"({"name":"","description":"x"})", false, "", ""},
      {R"({"title":"Refunds"})", false, "", ""},
      {"Refunds", false, "", ""},
      {R"({"name": 3})", false, "", ""},
  };
  for (const auto& c : cases) {
    auto answer = parse_topic_label(message(c.content), options);
    EXPECT_EQ(answer.ok, c.ok) << c.content;
    if (c.ok) {
      EXPECT_EQ(answer.name, c.name) << c.content;
      EXPECT_EQ(answer.description, c.description) << c.content;
    } else {
      EXPECT_FALSE(answer.error.empty()) << c.content;
    }
  }
  auto refused =
      parse_topic_label({{"content", nullptr}, {"refusal", "I can't help with that."}}, options);
  EXPECT_FALSE(refused.ok);
  EXPECT_NE(refused.error.find("refused"), std::string::npos);
  options.max_name_chars = 8;
  EXPECT_EQ(parse_topic_label(message(R"({"name":"A very long name indeed"})"), options).name,
            "A very l");
}

TEST(TopicLabelRequest, asks_for_the_json_schema_with_terms_examples_and_the_objective) {
  LlmLabelOptions options;
  options.objective = "support for an online shop";
  options.examples_per_topic = 2;
  auto set = three_topics();
  std::vector<std::string> examples = {"where is my refund", "refund not received", "third one"};
  auto request = topic_label_request(set.topics[2].children[0], examples, &set.topics[2], options);
  EXPECT_EQ(request["response_format"]["type"], "json_schema");
  EXPECT_EQ(request["response_format"]["json_schema"]["schema"]["required"],
            nlohmann::json({"name", "description"}));
  std::string prompt = request["messages"][1]["content"];
  EXPECT_NE(prompt.find("support for an online shop"), std::string::npos);
  EXPECT_NE(prompt.find("reset"), std::string::npos);
  EXPECT_NE(prompt.find("password, order"), std::string::npos);  // the parent's terms
  EXPECT_NE(prompt.find("2. refund not received"), std::string::npos);
  EXPECT_EQ(prompt.find("third one"), std::string::npos);
}

TEST(LabelTopicsWithLlm, names_every_topic_and_keeps_names_unique_among_siblings) {
  FakeUpstream upstream([](const FakeRequest& request) {
    std::string prompt = request.json()["messages"][1]["content"];
    if (prompt.find("reset") != std::string::npos)
      return chat_completion_response(
          R"({"name":"Password resets","description":"Forgotten passwords."})");
    return chat_completion_response(R"({"name":"Orders","description":"Questions about orders."})");
  });
  auto set = three_topics();
  auto outcome = label_topics_with_llm(set, {{"t1", {"where is my refund"}}},
                                       model_at(upstream.base_url()), {});
  EXPECT_EQ(outcome.labelled, 4u);
  EXPECT_EQ(outcome.kept_lexical, 0u);
  EXPECT_EQ(set.topics[0].name, "Orders");
  EXPECT_EQ(set.topics[1].name, "Orders (2)");
  EXPECT_EQ(set.topics[2].name, "Orders (3)");
  EXPECT_EQ(set.topics[2].children[0].name, "Password resets");
  EXPECT_EQ(set.topics[0].description, "Questions about orders.");
  EXPECT_EQ(set.topics[0].keywords, (std::vector<std::string>{"refund", "order"}));
  bool saw_given_example = false;
  for (const auto& request : upstream.received()) {
    saw_given_example |= request.body.find("where is my refund") != std::string::npos;
    EXPECT_EQ(request.json()["model"], "namer");
  }
  EXPECT_TRUE(saw_given_example);
}

TEST(LabelTopicsWithLlm, a_bad_answer_keeps_that_topics_keyword_label) {
  FakeUpstream upstream([](const FakeRequest& request) {
    std::string prompt = request.json()["messages"][1]["content"];
    if (prompt.find("first: invoice") != std::string::npos)
      return chat_completion_response("I think these are invoices.");
    if (prompt.find("first: password") != std::string::npos)
      return FakeResponse{400, R"({"error":{"message":"bad schema"}})", {}, 0, false};
    return chat_completion_response(R"({"name":"Refunds","description":"Money back."})");
  });
  auto set = three_topics();
  auto outcome = label_topics_with_llm(set, {}, model_at(upstream.base_url()), {});
  EXPECT_EQ(set.topics[0].name, "Refunds");
  EXPECT_EQ(set.topics[1].name, "invoice · order");
  EXPECT_EQ(set.topics[2].name, "password · order");
  EXPECT_EQ(outcome.labelled, 2u);  // t1 and the child t3.1, whose own terms are "reset"
  EXPECT_EQ(outcome.kept_lexical, 2u);
  EXPECT_FALSE(outcome.first_failure.empty());
}

TEST(LabelTopicsWithLlm, stops_asking_once_the_model_cannot_be_reached) {
  auto set = three_topics();
  LlmLabelOptions options;
  options.concurrent_requests = 1;
  auto outcome = label_topics_with_llm(set, {}, model_at("http://127.0.0.1:1/v1"), options);
  EXPECT_EQ(outcome.labelled, 0u);
  EXPECT_EQ(outcome.kept_lexical, 4u);
  EXPECT_NE(outcome.first_failure.find("could not reach"), std::string::npos)
      << outcome.first_failure;
  EXPECT_EQ(set.topics[0].name, "refund · order");
}

TEST(LabelTopicsWithLlm, a_fallback_model_answers_when_the_first_fails) {
  FakeUpstream down([](const FakeRequest&) {
    return FakeResponse{500, R"({"error":{"message":"down"}})", {}, 0, false};
  });
  FakeUpstream up([](const FakeRequest&) {
    return chat_completion_response(R"({"name":"Named","description":"d"})");
  });
  auto chain = model_at(down.base_url(), "first");
  chain.push_back(model_at(up.base_url(), "second")[0]);
  TopicSet set;
  set.topics.push_back(three_topics().topics[0]);
  auto outcome = label_topics_with_llm(set, {}, chain, {});
  EXPECT_EQ(outcome.labelled, 1u);
  EXPECT_EQ(set.topics[0].name, "Named");
  EXPECT_EQ(up.received().at(0).json()["model"], "second");
}
