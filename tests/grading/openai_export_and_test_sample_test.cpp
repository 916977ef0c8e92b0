#include <gtest/gtest.h>

#include "grading/grader_config.hpp"
#include "grading/openai_grader_export.hpp"
#include "grading/test_sample.hpp"
#include "providers/fake_upstream.hpp"
#include "providers/openai_compatible_provider.hpp"

using namespace reinforge::grading;

TEST(OpenAiGraderExport, maps_presets_with_an_equivalent) {
  auto exact = export_openai_grader({{"type", "exact_match"}, {"name", "exact"}});
  ASSERT_TRUE(exact.ok) << exact.error;
  EXPECT_EQ(exact.grader, nlohmann::json::parse(R"({"type":"string_check","name":"exact","operation":"eq",
      "input":"{{sample.output_text}}","reference":"{{item.reference}}"})"));
  EXPECT_FALSE(exact.notes.empty());

  auto contains = export_openai_grader({{"type", "contains"}, {"pattern", "Paris"}, {"case_sensitive", false}});
  EXPECT_EQ(contains.grader["operation"], "ilike");
  auto similarity = export_openai_grader({{"type", "similarity"}, {"metric", "rouge_1"}});
  EXPECT_EQ(similarity.grader["type"], "text_similarity");
  EXPECT_EQ(similarity.grader["evaluation_metric"], "rouge_1");

  auto judge = export_openai_grader({{"type", "judge"}, {"model", "gpt-4o"}, {"temperature", 0.2}, {"score_range", {0, 10}},
                                     {"prompt", "Goal {{objective}}; ref {{reference}}; tools {{sample.tool_calls}}"}},
                                    "be exact");
  ASSERT_TRUE(judge.ok) << judge.error;
  EXPECT_EQ(judge.grader["type"], "score_model");
  EXPECT_EQ(judge.grader["range"], nlohmann::json({0, 10}));
  EXPECT_EQ(judge.grader["input"][0]["content"], "Goal be exact; ref {{item.reference}}; tools {{sample.output_tools}}");
  EXPECT_EQ(judge.grader["sampling_params"]["temperature"], 0.2);
}

TEST(OpenAiGraderExport, a_weighted_combination_becomes_multi) {
  auto multi = export_openai_grader({{"type", "weighted"},
                                     {"graders",
                                      {{{"name", "Exact"}, {"weight", 3}, {"grader", {{"type", "exact_match"}}}},
                                       {{"name", "sim"}, {"weight", 1}, {"grader", {{"type", "similarity"}}}}}}});
  ASSERT_TRUE(multi.ok) << multi.error;
  EXPECT_EQ(multi.grader["type"], "multi");
  EXPECT_TRUE(multi.grader["graders"].contains("exact"));
  EXPECT_EQ(multi.grader["calculate_output"], "(3.0 * exact + 1.0 * sim) / 4.0");
}

TEST(OpenAiGraderExport, script_graders_and_other_graders_without_an_equivalent_say_why) {
  auto script = export_openai_grader({{"type", "script"}, {"source", "function grade(){return 1}"}});
  EXPECT_FALSE(script.ok);
  EXPECT_NE(script.error.find("OpenAI runs only Python graders"), std::string::npos) << script.error;
  for (std::string type : {"regex", "json", "tool_usage"}) {
    auto result = export_openai_grader({{"type", type}, {"pattern", "x"}});
    EXPECT_FALSE(result.ok) << type;
    EXPECT_EQ(result.error.rfind("no OpenAI equivalent: ", 0), 0u) << result.error;
  }
  auto nested = export_openai_grader({{"type", "weighted"}, {"graders", {{{"name", "s"}, {"grader", {{"type", "script"}}}}}}});
  EXPECT_FALSE(nested.ok);
}

TEST(TestSample, grades_five_random_reference_answers_reproducibly) {
  std::vector<nlohmann::json> records;
  for (int i = 0; i < 20; ++i) {
    records.push_back({{"messages", {{{"role", "user"}, {"content", "n?"}}, {{"role", "assistant"}, {"content", std::to_string(i)}}}}});
  }
  auto grader = make_grader({{"type", "script"}, {"source", "function grade(i) { console.log(i.sample.output_text); return Number(i.sample.output_text) / 19; }"}});
  TestSampleOptions options;
  options.seed = 7;
  auto first = run_test_sample(records, *grader, options);
  auto again = run_test_sample(records, *grader, options);
  ASSERT_EQ(first.size(), 5u);
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].record_index, again[i].record_index);
    ASSERT_TRUE(first[i].result.ok()) << first[i].result.error;
    EXPECT_DOUBLE_EQ(*first[i].result.score, first[i].record_index / 19.0);
    EXPECT_EQ(first[i].result.logs, std::vector<std::string>{std::to_string(first[i].record_index)});
  }
}

TEST(TestSample, samples_the_base_model_when_a_provider_is_set) {
  reinforge::testing::FakeUpstream upstream([](const reinforge::testing::FakeRequest& request) {
    auto body = request.json();
    EXPECT_EQ(body["messages"].size(), 1u) << "the prompt is the messages before the reference answer";
    return reinforge::testing::chat_completion_response("fresh");
  });
  reinforge::providers::ProviderConfig config;
  config.base_url = upstream.base_url();
  reinforge::providers::OpenAiCompatibleProvider provider(config);
  std::vector<nlohmann::json> records = {{{"messages", {{{"role", "user"}, {"content", "hi"}}, {{"role", "assistant"}, {"content", "old"}}}}}};
  auto grader = make_grader({{"type", "exact_match"}, {"reference", "fresh"}});
  TestSampleOptions options;
  options.provider = &provider;
  options.model = "base";
  auto entries = run_test_sample(records, *grader, options);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].sample.output_text, "fresh");
  EXPECT_EQ(*entries[0].result.score, 1.0);
}
