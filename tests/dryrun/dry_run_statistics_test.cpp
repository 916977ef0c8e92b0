#include "dryrun/dry_run_statistics.hpp"

#include <gtest/gtest.h>

#include "dryrun/dry_run_diagnoses.hpp"
#include "dryrun/stratified_sample.hpp"

using namespace reinforge::dryrun;

namespace {

DryRunSample scored(double score, std::string topic = "t", size_t prompt = 0, double latency = 1) {
  DryRunSample sample;
  sample.score = score;
  sample.topic = std::move(topic);
  sample.prompt_index = prompt;
  sample.latency_ms = latency;
  sample.prompt_tokens = 10;
  sample.completion_tokens = 5;
  return sample;
}

}  // namespace

TEST(DryRunStatistics, mean_population_std_share_and_histogram) {
  std::vector<DryRunSample> samples = {scored(0, "a", 0), scored(0.25, "a", 1), scored(0.5, "b", 2), scored(1, "b", 3)};
  auto stats = compute_statistics(samples);
  EXPECT_EQ(stats.samples, 4u);
  EXPECT_EQ(stats.scored, 4u);
  EXPECT_DOUBLE_EQ(stats.mean, 0.4375);
  EXPECT_NEAR(stats.std_dev, 0.3698, 1e-4);  // sqrt(((.4375)^2+(.1875)^2+(.0625)^2+(.5625)^2)/4)
  EXPECT_DOUBLE_EQ(stats.share_above_zero, 0.75);
  std::array<size_t, 10> histogram{1, 0, 1, 0, 0, 1, 0, 0, 0, 1};
  EXPECT_EQ(stats.histogram, histogram) << "0.25 in [0.2,0.3), 1.0 in the closed last bin";
  EXPECT_DOUBLE_EQ(stats.topic_means["a"].mean, 0.125);
  EXPECT_EQ(stats.topic_means["b"].count, 2u);
  EXPECT_EQ(stats.prompt_tokens, 40);
  EXPECT_EQ(stats.completion_tokens, 20);
  EXPECT_FALSE(stats.disagreement_share.has_value()) << "k = 1";
}

TEST(DryRunStatistics, histogram_bin_edges) {
  std::vector<DryRunSample> samples;
  for (double score : {0.0, 0.0999, 0.1, 0.3, 0.9, 0.99, 1.0}) samples.push_back(scored(score));
  auto stats = compute_statistics(samples);
  std::array<size_t, 10> histogram{2, 1, 0, 1, 0, 0, 0, 0, 0, 3};
  EXPECT_EQ(stats.histogram, histogram);
}

TEST(DryRunStatistics, errors_are_counted_apart_and_left_out_of_the_scores) {
  std::vector<DryRunSample> samples = {scored(1), scored(0.5)};
  DryRunSample broken;
  broken.grader_error = "Error: boom";
  DryRunSample unreachable;
  unreachable.sampling_error = "HTTP 500";
  samples.push_back(broken);
  samples.push_back(unreachable);
  auto stats = compute_statistics(samples);
  EXPECT_EQ(stats.samples, 4u);
  EXPECT_EQ(stats.scored, 2u);
  EXPECT_EQ(stats.grader_errors, 1u);
  EXPECT_EQ(stats.sampling_errors, 1u);
  EXPECT_DOUBLE_EQ(stats.mean, 0.75);
  EXPECT_DOUBLE_EQ(stats.grader_error_rate, 1.0 / 3) << "of the samples that reached the grader";
  EXPECT_EQ(stats.failed, (std::vector<size_t>{2, 3}));
}

TEST(DryRunStatistics, disagreement_share_with_k_samples_per_prompt) {
  std::vector<DryRunSample> samples = {scored(1, "t", 0), scored(1, "t", 0),   // agree
                                       scored(0, "t", 1), scored(1, "t", 1),   // disagree
                                       scored(0.5, "t", 2), scored(0.2, "t", 2), scored(0.5, "t", 2),
                                       scored(1, "t", 3)};                     // alone: not a group
  auto stats = compute_statistics(samples);
  EXPECT_EQ(stats.prompts_with_groups, 3u);
  EXPECT_DOUBLE_EQ(*stats.disagreement_share, 2.0 / 3);
}

TEST(DryRunStatistics, slowest_samples_first) {
  std::vector<DryRunSample> samples;
  for (double latency : {5.0, 50.0, 1.0, 20.0, 30.0, 10.0, 2.0}) samples.push_back(scored(1, "t", 0, latency));
  EXPECT_EQ(compute_statistics(samples).slowest, (std::vector<size_t>{1, 4, 3, 5, 0}));
}

TEST(DryRunDiagnoses, names_the_likely_causes_with_examples) {
  std::vector<DryRunSample> low;
  for (int i = 0; i < 10; ++i) low.push_back(scored(i == 0 ? 0.3 : 0.0));
  DryRunSample broken;
  broken.grader_error = "TypeError";
  low.push_back(broken);
  auto stats = compute_statistics(low);
  auto verdict = dry_run_verdict(stats);
  auto diagnoses = diagnose(low, stats, verdict);
  std::vector<std::string> codes;
  for (const auto& d : diagnoses) codes.emplace_back(to_string(d.code));
  EXPECT_EQ(codes, (std::vector<std::string>{"grader_errors", "scores_too_low", "too_few_nonzero", "too_little_spread"}));
  EXPECT_EQ(diagnoses[0].example_samples, std::vector<size_t>{10});
  EXPECT_EQ(diagnoses[1].example_samples.size(), 5u);

  std::vector<DryRunSample> easy;
  for (int i = 0; i < 20; ++i) easy.push_back(scored(i % 2 ? 1.0 : 0.95, "t", i / 2));
  auto easy_stats = compute_statistics(easy);
  auto easy_diagnoses = diagnose(easy, easy_stats, dry_run_verdict(easy_stats));
  codes.clear();
  for (const auto& d : easy_diagnoses) codes.emplace_back(to_string(d.code));
  EXPECT_EQ(codes, (std::vector<std::string>{"too_little_spread", "too_easy"}));
}

// The share-above-zero diagnosis says "mostly zeros" only when most scores are zeros.
TEST(DryRunDiagnoses, a_sparse_reward_is_described_as_it_is) {
  auto too_few_nonzero = [](int zeros, int above) {
    std::vector<DryRunSample> samples;
    for (int i = 0; i < zeros; ++i) samples.push_back(scored(0.0, "t", i));
    for (int i = 0; i < above; ++i) samples.push_back(scored(0.2 + 0.6 * i / above, "t", zeros + i));
    auto stats = compute_statistics(samples);
    for (const auto& d : diagnose(samples, stats, dry_run_verdict(stats)))
      if (d.code == DiagnosisCode::too_few_nonzero) return d.message;
    return std::string();
  };
  EXPECT_EQ(too_few_nonzero(45, 55),
            "Only 55% of samples score above 0 (GO needs more than 70%): the 45% that score 0 give "
            "the training no signal to follow.");
  EXPECT_NE(too_few_nonzero(80, 20).find("with mostly zeros"), std::string::npos);
  // Below 10% to a tenth, as the step's metric shows it: 14 of 300 is 4.7%, not "5%".
  EXPECT_EQ(too_few_nonzero(286, 14).rfind("Only 4.7% of samples score above 0", 0), 0u)
      << too_few_nonzero(286, 14);
  EXPECT_EQ(too_few_nonzero(20, 80), "");  // GO on this figure: no diagnosis
}

TEST(StratifiedSample, proportional_per_topic_reproducible_and_all_when_few) {
  std::vector<std::string> topics;
  for (int i = 0; i < 600; ++i) topics.push_back("big");
  for (int i = 0; i < 300; ++i) topics.push_back("mid");
  for (int i = 0; i < 98; ++i) topics.push_back("small");
  topics.push_back("tiny");
  topics.push_back("");
  auto chosen = stratified_sample(topics, 100, 42);
  ASSERT_EQ(chosen.size(), 100u);
  std::map<std::string, int> per_topic;
  for (auto index : chosen) ++per_topic[topics[index]];
  EXPECT_NEAR(per_topic["big"], 60, 2) << "gives one each to the two one-record topics";
  EXPECT_NEAR(per_topic["mid"], 30, 1);
  EXPECT_NEAR(per_topic["small"], 10, 1);
  EXPECT_EQ(per_topic["tiny"], 1) << "every topic is seen";
  EXPECT_EQ(per_topic[""], 1);
  EXPECT_EQ(stratified_sample(topics, 100, 42), chosen);
  EXPECT_NE(stratified_sample(topics, 100, 43), chosen);
  EXPECT_EQ(std::set<size_t>(chosen.begin(), chosen.end()).size(), 100u);
  EXPECT_EQ(stratified_sample({"a", "b"}, 300, 1), (std::vector<size_t>{0, 1}));
}

TEST(DryRunStatistics, sampling_cost_is_the_tokens_at_the_price_per_million) {
  auto statistics = compute_statistics({scored(1), scored(0), scored(0.5)});  // 30 in, 15 out
  EXPECT_DOUBLE_EQ(sampling_cost_usd(statistics, {2.5, 10}), (30 * 2.5 + 15 * 10) / 1e6);
  EXPECT_DOUBLE_EQ(sampling_cost_usd(statistics, {0, 0}), 0);
}
