// The reward endpoint's bodies, the split files' lines and trainer reports.
#include "training/reward_request.hpp"

#include <gtest/gtest.h>

#include "training/reward_scorer.hpp"
#include "training/split_lines.hpp"
#include "training/trainer_report.hpp"

using namespace reinforge::training;
using reinforge::grading::GradeResult;

TEST(RewardRequest, native_samples_take_text_tool_calls_messages_or_an_inline_item) {
  auto request = read_reward_request(
      {{"samples",
        {{{"record_id", "12"}, {"output_text", "Paris"}},
         {{"record_id", 13},
          {"tool_calls",
           {{{"id", "c1"},
             {"type", "function"},
             {"function", {{"name", "lookup"}, {"arguments", "{\"q\":1}"}}}}}}},
         {{"record_id", "14"},
          {"messages",
           {{{"role", "user"}, {"content", "hi"}}, {{"role", "assistant"}, {"content", "hello"}}}}},
         {{"item", {{"messages", {{{"role", "user"}, {"content", "q"}}}}}},
          {"output_text", "a"}}}}});
  ASSERT_EQ(request.shape, RewardBodyShape::native);
  ASSERT_EQ(request.samples.size(), 4u);
  EXPECT_EQ(*request.samples[0].record_id, 12);
  EXPECT_EQ(request.samples[0].sample.output_text, "Paris");
  EXPECT_EQ(request.samples[1].sample.tool_calls.at(0).name, "lookup");
  EXPECT_EQ(request.samples[2].sample.output_text, "hello");
  EXPECT_TRUE(request.samples[3].item.has_value());
  for (const auto& sample : request.samples) EXPECT_TRUE(sample.error.empty()) << sample.error;
}

TEST(RewardRequest, a_bad_sample_is_its_own_error_and_the_others_still_count) {
  auto request = read_reward_request(
      {{"samples",
        {{{"record_id", "abc"}, {"output_text", "x"}},
         {{"record_id", "3"}},
         {{"output_text", "no record"}},
         {{"record_id", "4"}, {"messages", {{{"role", "user"}, {"content", "x"}}}}},
         {{"record_id", "5"}, {"output_text", 7}},
         "not an object",
         {{"record_id", "6"}, {"output_text", "fine"}}}}});
  ASSERT_EQ(request.samples.size(), 7u);
  for (int i = 0; i < 6; ++i) EXPECT_FALSE(request.samples[i].error.empty()) << i;
  EXPECT_TRUE(request.samples[6].error.empty());
  EXPECT_NE(request.samples[0].error.find("samples[0].record_id"), std::string::npos);
}

TEST(RewardRequest, refuses_bodies_that_are_neither_shape_and_oversized_batches) {
  for (const auto& body :
       {nlohmann::json::array(), nlohmann::json{{"foo", 1}}, nlohmann::json{{"samples", 3}},
        nlohmann::json{{"query", {"a"}}, {"prompts", {"a"}}}}) {
    EXPECT_THROW(read_reward_request(body), RewardRequestError) << body.dump();
  }
  nlohmann::json big{{"samples", nlohmann::json::array()}};
  for (std::size_t i = 0; i <= kMaxRewardBatch; ++i)
    big["samples"].push_back({{"record_id", "1"}, {"output_text", ""}});
  try {
    read_reward_request(big);
    ADD_FAILURE() << "an oversized batch was accepted";
  } catch (const RewardRequestError& error) {
    EXPECT_EQ(error.code, "payload_too_large");
  }
}

TEST(RewardRequest, openrlhf_bodies_answer_rewards_with_zero_for_what_could_not_be_scored) {
  auto request = read_reward_request(
      {{"query",
        {"<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\nParis<|im_end|>", "other"}},
       {"prompts", {"<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", "prompt"}},
       {"labels", {"7", "8"}}});
  ASSERT_EQ(request.shape, RewardBodyShape::openrlhf);
  EXPECT_EQ(request.samples[0].sample.output_text, "Paris");
  EXPECT_EQ(*request.samples[0].record_id, 7);
  EXPECT_FALSE(request.samples[1].error.empty());
  auto response = reward_response(request, {GradeResult::scored(0.75), GradeResult::failed("no")});
  EXPECT_EQ(response["rewards"], nlohmann::json({0.75, 0.0}));
  EXPECT_EQ(response["extra_logs"]["grader_errors"], nlohmann::json({0, 1}));
}

TEST(RewardRequest, native_answer_keeps_errors_apart_from_zeros) {
  RewardRequest request;
  request.samples.resize(3);
  auto response =
      reward_response(request, {GradeResult::scored(1.0, "exact"), GradeResult::scored(0.0),
                                GradeResult::failed("grader error: boom")});
  EXPECT_EQ(response["scores"][0]["score"], 1.0);
  EXPECT_EQ(response["scores"][1]["score"], 0.0);
  EXPECT_TRUE(response["scores"][2]["score"].is_null());
  EXPECT_EQ(response["scores"][2]["error"], "grader error: boom");
  EXPECT_DOUBLE_EQ(response["mean"].get<double>(), 0.5);
}

TEST(SplitLines, carry_the_prompt_the_reference_text_and_extra_fields) {
  nlohmann::json record{{"messages",
                         {{{"role", "system"}, {"content", "Be brief."}},
                          {{"role", "user"}, {"content", "Capital of France?"}},
                          {{"role", "assistant"}, {"content", "Paris"}}}},
                        {"difficulty", "easy"}};
  auto external = external_split_line(41, "t2", record);
  EXPECT_EQ(external["record_id"], "41");
  EXPECT_EQ(external["topic"], "t2");
  EXPECT_EQ(external["prompt"].size(), 2u);
  EXPECT_EQ(external["reference"], "Paris");
  EXPECT_EQ(external["difficulty"], "easy");
  auto openai = openai_rft_line(41, record);
  EXPECT_EQ(openai["messages"][0]["role"], "developer");
  EXPECT_EQ(openai["messages"].back()["role"], "user");
  EXPECT_EQ(openai["reference"], "Paris");
  EXPECT_FALSE(openai.contains("tools"));  // none declared: not sent
  EXPECT_EQ(openai["record_id"], "41");
}

TEST(TrainerReport, reads_each_shape_and_names_the_fault) {
  EXPECT_EQ(read_trainer_report({{"step", 3}, {"train_reward_mean", 0.2}}).metrics.size(), 1u);
  EXPECT_EQ(read_trainer_report({{"metrics", {{{"step", 1}}, {{"step", 2}}}}}).metrics.size(), 2u);
  EXPECT_EQ(read_trainer_report({{"message", "epoch 1 done"}}).events.at(0).message,
            "epoch 1 done");
  auto result = read_trainer_report({{"result",
                                      {{"status", "succeeded"},
                                       {"fine_tuned_model", "m"},
                                       {"model_url", "http://gpu:8000/v1"}}}});
  ASSERT_TRUE(result.result);
  for (const auto& bad :
       {nlohmann::json{{"result", {{"status", "done"}}}},
        nlohmann::json{{"result", {{"status", "succeeded"}}}},
        nlohmann::json{
            {"result",
             {{"status", "succeeded"}, {"fine_tuned_model", "m"}, {"model_url", "ftp://x"}}}},
        nlohmann::json{{"metrics", {{{"name", "x"}}}}},
        nlohmann::json{{"level", "debug"}, {"message", "x"}},
        nlohmann::json{{"note", "nothing numeric"}}}) {
    EXPECT_THROW(read_trainer_report(bad), TrainerReportError) << bad.dump();
  }
}

TEST(GraderCallsAModel, judges_alone_or_in_a_weighted_mix) {
  EXPECT_TRUE(grader_calls_a_model({{"type", "judge"}}));
  EXPECT_TRUE(grader_calls_a_model(
      {{"type", "weighted"},
       {"graders", {{{"weight", 1}, {"grader", {{"type", "judge_rubric"}}}}}}}));
  EXPECT_FALSE(grader_calls_a_model({{"type", "script"}}));
  EXPECT_FALSE(grader_calls_a_model(
      {{"type", "weighted"},
       {"graders", {{{"weight", 1}, {"grader", {{"type", "exact_match"}}}}}}}));
}
