// The pure figures behind benchmarks and online scores: intervals, headline, the guard's rule.
#include <gtest/gtest.h>

#include "deploy/arm_comparison.hpp"
#include "deploy/benchmark_statistics.hpp"

namespace reinforge::deploy {
namespace {

std::vector<PairedRecord> records_with(double base_right, double tuned_right, int count) {
  std::vector<PairedRecord> records;
  for (int i = 0; i < count; ++i) {
    double at = (i % 100) / 100.0;
    records.push_back({i % 2 ? "billing" : "refunds",
                       {at < base_right ? 1.0 : 0.0},
                       {at < tuned_right ? 1.0 : 0.0}});
  }
  return records;
}

TEST(BenchmarkStatistics, a_clearly_better_model_has_a_conclusive_interval_above_zero) {
  auto statistics = compare_paired(records_with(0.45, 0.67, 200));
  EXPECT_EQ(statistics.records, 200u);
  EXPECT_NEAR(statistics.base_mean, 0.45, 1e-12);
  EXPECT_NEAR(statistics.tuned_mean, 0.67, 1e-12);
  EXPECT_TRUE(statistics.conclusive);
  EXPECT_GT(statistics.difference_interval.low, 0.1);
  EXPECT_LT(statistics.difference_interval.high, 0.35);
  EXPECT_LT(statistics.base_interval.low, 0.45);
  EXPECT_GT(statistics.base_interval.high, 0.45);
  EXPECT_EQ(statistics.wins, 44u);
  EXPECT_EQ(statistics.losses, 0u);
  EXPECT_EQ(benchmark_headline(statistics), "0.45 \u2192 0.67, +49%");
  ASSERT_EQ(statistics.topics.size(), 2u);
  EXPECT_EQ(statistics.topics[0].topic, "billing");
  EXPECT_EQ(statistics.topics[0].records, 100u);
}

TEST(BenchmarkStatistics, equal_models_are_not_conclusive_and_intervals_repeat_with_the_seed) {
  std::vector<PairedRecord> records;
  for (int i = 0; i < 100; ++i) {
    // Same mean, different records right: the paired differences scatter around 0.
    records.push_back({"", {i % 2 ? 1.0 : 0.0}, {i % 4 < 2 ? 1.0 : 0.0}});
  }
  auto first = compare_paired(records, 7);
  EXPECT_FALSE(first.conclusive);
  EXPECT_LT(first.difference_interval.low, 0);
  EXPECT_GT(first.difference_interval.high, 0);
  auto again = compare_paired(records, 7);
  EXPECT_EQ(first.difference_interval.low, again.difference_interval.low);
  EXPECT_EQ(first.wins + first.ties + first.losses, 100u);
}

TEST(BenchmarkStatistics,
     unpaired_records_are_left_out_and_a_zero_base_gives_an_absolute_headline) {
  std::vector<PairedRecord> records{
      {"", {0.0}, {0.5}}, {"", {}, {1.0}}, {"", {0.0, 0.0}, {0.3, 0.1}}};
  auto statistics = compare_paired(records);
  EXPECT_EQ(statistics.records, 2u);
  EXPECT_FALSE(statistics.relative);
  EXPECT_EQ(benchmark_headline(statistics), "0.00 \u2192 0.35, +0.35");
  EXPECT_EQ(benchmark_headline(compare_paired({})), "");
}

TEST(ArmComparison, intervals_and_the_calls_a_conclusive_answer_needs) {
  EXPECT_NEAR(two_sided_z(0.95), 1.95996, 1e-4);
  EXPECT_NEAR(two_sided_z(0.99), 2.57583, 1e-4);
  // 50 graded in each arm, means 0.50 and 0.55, sd 0.2: not conclusive yet.
  auto arm = [](double mean, int n) {
    double variance = 0.04;
    return store::OnlineScoreTotals{"", n, 0, mean * n, (variance * (n - 1)) + mean * mean * n};
  };
  auto base = arm_score(arm(0.50, 50));
  auto tuned = arm_score(arm(0.55, 50));
  ASSERT_TRUE(base.interval);
  EXPECT_NEAR(*base.mean, 0.5, 1e-12);
  EXPECT_NEAR(base.variance, 0.04, 1e-12);
  auto difference = score_difference(base, tuned);
  ASSERT_TRUE(difference);
  EXPECT_FALSE(difference->conclusive);
  // n = 1.96² × 0.08 / 0.05² ≈ 123 per arm: 73 more.
  ASSERT_TRUE(difference->more_per_arm);
  EXPECT_EQ(*difference->more_per_arm, 123 - 50);
  EXPECT_FALSE(score_difference(arm_score(arm(0.5, 1)), tuned));
}

TEST(ArmComparison, the_guard_fires_on_a_worse_arm_and_not_on_an_equal_one) {
  GuardOptions guard{true, 100, 30, 0.95};
  ArmTraffic base{400, 4, {}};
  EXPECT_FALSE(guard_reason(guard, base, {400, 5, {}}));
  auto fired = guard_reason(guard, base, {400, 40, {}});
  ASSERT_TRUE(fired);
  EXPECT_NE(fired->find("error rate 10.0%"), std::string::npos) << *fired;
  EXPECT_FALSE(guard_reason(guard, base, {99, 99, {}}));  // too few calls to judge
  EXPECT_FALSE(guard_reason({false, 100, 30, 0.95}, base, {400, 400, {}}));

  auto scores = [](double mean) {
    return arm_score({"", 60, 0, mean * 60, 0.01 * 59 + mean * mean * 60});
  };
  EXPECT_TRUE(guard_reason(guard, {400, 0, scores(0.6)}, {400, 0, scores(0.5)}));
  EXPECT_FALSE(guard_reason(guard, {400, 0, scores(0.6)}, {400, 0, scores(0.6)}));
  EXPECT_FALSE(guard_reason(guard, {400, 0, scores(0.5)}, {400, 0, scores(0.6)}));
}

}  // namespace
}  // namespace reinforge::deploy
