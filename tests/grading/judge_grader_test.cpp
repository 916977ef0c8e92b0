// The judge against a local OpenAI-compatible server: structured output requested, answers
// parsed and rescaled, malformed answers errors.
#include "grading/judge_grader.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "grading/grader_config.hpp"
#include "providers/fake_upstream.hpp"

using namespace reinforge::grading;
using reinforge::testing::chat_completion_response;
using reinforge::testing::FakeRequest;
using reinforge::testing::FakeResponse;
using reinforge::testing::FakeUpstream;

namespace {

GradeInput capital_answer(const std::string& text) {
  nlohmann::json record = {{"messages",
                            {{{"role", "user"}, {"content", "Capital of France?"}},
                             {{"role", "assistant"}, {"content", "Paris"}}}},
                           {"country", "France"}};
  Sample sample;
  sample.output_text = text;
  return make_grade_input(record, sample, "answer geography questions");
}

nlohmann::json judge_config(const FakeUpstream& upstream) {
  return {{"type", "judge"},
          {"model", "judge-model"},
          {"temperature", 0},
          {"prompt",
           "Objective: {{objective}}. Country: {{item.country}}. Expected: {{reference}}. Got: "
           "{{sample.output_text}}"},
          {"provider",
           {{"name", "local"},
            {"base_url", upstream.base_url()},
            {"max_retries", 2},
            {"initial_backoff_ms", 5}}}};
}

}  // namespace

TEST(JudgeGrader,
     sends_the_rendered_prompt_with_a_json_schema_response_format_and_reads_the_score) {
  FakeUpstream upstream([](const FakeRequest& request) {
    auto body = request.json();
    bool structured = body["response_format"]["type"] == "json_schema" &&
                      body["response_format"]["json_schema"]["schema"]["required"] ==
                          nlohmann::json({"score", "reason"}) &&
                      body["response_format"]["json_schema"]["strict"] == true;
    std::string prompt = body["messages"][0]["content"];
    bool right = prompt.find("Got: Paris") != std::string::npos;
    return chat_completion_response(
        nlohmann::json{{"score", structured && right ? 0.9 : 0.1}, {"reason", prompt}}.dump());
  });
  auto grader = make_grader(judge_config(upstream));
  auto result = grader->grade(capital_answer("Paris"));
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_DOUBLE_EQ(*result.score, 0.9);
  EXPECT_EQ(result.reason,
            "Objective: answer geography questions. Country: France. Expected: Paris. Got: Paris");
  EXPECT_EQ(result.judge_prompt_tokens, 11);
  auto sent = upstream.received()[0].json();
  EXPECT_EQ(sent["model"], "judge-model");
  EXPECT_EQ(sent["temperature"], 0);
}

TEST(JudgeGrader, rescales_a_declared_range_and_rejects_scores_outside_it) {
  std::atomic<int> next{0};
  FakeUpstream upstream([&](const FakeRequest&) {
    return chat_completion_response(next++ == 0 ? R"({"rating": 7, "why": "good"})"
                                                : R"({"rating": 12, "why": "?"})");
  });
  auto config = judge_config(upstream);
  config["score_field"] = "rating";
  config["reason_field"] = "why";
  config["score_range"] = {0, 10};
  config["schema"] = {
      {"type", "object"},
      {"properties", {{"rating", {{"type", "integer"}}}, {"why", {{"type", "string"}}}}}};
  auto grader = make_grader(config);
  auto good = grader->grade(capital_answer("Paris"));
  ASSERT_TRUE(good.ok()) << good.error;
  EXPECT_DOUBLE_EQ(*good.score, 0.7);
  EXPECT_EQ(good.reason, "good");
  auto bad = grader->grade(capital_answer("Paris"));
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.error.find("outside its declared range [0, 10]"), std::string::npos) << bad.error;
}

TEST(JudgeGrader, a_schema_strict_mode_would_refuse_is_sent_with_strict_off) {
  std::vector<nlohmann::json> sent;
  std::mutex lock;
  FakeUpstream upstream([&](const FakeRequest& request) {
    std::lock_guard guard(lock);
    sent.push_back(request.json()["response_format"]["json_schema"]);
    return chat_completion_response(R"({"score": 1, "reason": "ok"})");
  });
  auto loose = judge_config(upstream);
  // No additionalProperties: false and "reason" not required: OpenAI refuses this under strict.
  loose["schema"] = {
      {"type", "object"},
      {"properties", {{"score", {{"type", "number"}}}, {"reason", {{"type", "string"}}}}},
      {"required", {"score"}}};
  ASSERT_TRUE(make_grader(loose)->grade(capital_answer("Paris")).ok());
  ASSERT_TRUE(make_grader(judge_config(upstream))->grade(capital_answer("Paris")).ok());
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0]["strict"], false);
  EXPECT_EQ(sent[1]["strict"], true);
}

TEST(JudgeGrader, the_default_schema_follows_the_declared_fields_and_range) {
  FakeUpstream upstream([](const FakeRequest& request) {
    auto body = request.json();
    const auto& schema = body["response_format"]["json_schema"]["schema"];
    bool follows = schema["required"] == nlohmann::json({"rating", "why"}) &&
                   schema["properties"]["rating"]["maximum"] == 10 &&
                   schema["additionalProperties"] == false;
    return chat_completion_response(follows ? R"({"rating": 8, "why": "close"})"
                                            : R"({"rating": 0, "why": "schema"})");
  });
  auto config = judge_config(upstream);
  config["score_field"] = "rating";
  config["reason_field"] = "why";
  config["score_range"] = {0, 10};
  auto result = make_grader(config)->grade(capital_answer("Paris"));
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_DOUBLE_EQ(*result.score, 0.8);
  EXPECT_EQ(result.reason, "close");
}

TEST(JudgeGrader, malformed_answers_are_errors_not_zeros) {
  for (std::string content : {"not json at all", R"(["score", 1])", R"({"reason": "no score"})",
                              R"({"score": "high"})"}) {
    FakeUpstream upstream([&](const FakeRequest&) { return chat_completion_response(content); });
    auto result = make_grader(judge_config(upstream))->grade(capital_answer("Paris"));
    EXPECT_FALSE(result.ok()) << content;
    EXPECT_FALSE(result.score.has_value()) << content;
  }
  FakeUpstream refusing([](const FakeRequest&) {
    nlohmann::json body = {
        {"choices",
         {{{"message", {{"role", "assistant"}, {"content", nullptr}, {"refusal", "I can't"}}},
           {"finish_reason", "stop"}}}}};
    return FakeResponse{200, body.dump(), {}, 0, false};
  });
  auto refused = make_grader(judge_config(refusing))->grade(capital_answer("Paris"));
  EXPECT_NE(refused.error.find("refused"), std::string::npos) << refused.error;
}

TEST(JudgeGrader, retries_transport_errors_then_reports_a_grader_error) {
  std::atomic<int> calls{0};
  FakeUpstream flaky([&](const FakeRequest&) {
    return calls++ == 0 ? FakeResponse{502, "bad gateway", {}, 0, false}
                        : chat_completion_response(R"({"score":1,"reason":"ok"})");
  });
  auto recovered = make_grader(judge_config(flaky))->grade(capital_answer("Paris"));
  EXPECT_TRUE(recovered.ok()) << recovered.error;
  FakeUpstream down([](const FakeRequest&) { return FakeResponse{500, "{}", {}, 0, false}; });
  auto failed = make_grader(judge_config(down))->grade(capital_answer("Paris"));
  EXPECT_FALSE(failed.ok());
  EXPECT_NE(failed.error.find("the judge call failed"), std::string::npos) << failed.error;
  EXPECT_EQ(down.requests(), 3);
}

TEST(JudgeGrader, the_rubric_preset_sends_the_rubric_and_the_answer) {
  FakeUpstream upstream([](const FakeRequest& request) {
    std::string prompt = request.json()["messages"][0]["content"];
    bool ok = prompt.find("Be concise") != std::string::npos &&
              prompt.find("Paris!") != std::string::npos;
    return chat_completion_response(nlohmann::json{{"score", ok ? 1 : 0}, {"reason", "r"}}.dump());
  });
  auto config = judge_config(upstream);
  config["type"] = "judge_rubric";
  config["rubric"] = "Be concise";
  EXPECT_EQ(*make_grader(config)->grade(capital_answer("Paris!")).score, 1.0);
}
