#include <gtest/gtest.h>

#include "coverage/target_shares.hpp"
#include "coverage/topic_coverage.hpp"

namespace reinforge::coverage {
namespace {

TEST(Coverage, EqualTargetsByDefaultAndDeficitsAsFloorOfTargetTimesNMinusCount) {
  // 100 records over 4 topics: each should have 25.
  auto report = compute_coverage({{"a", 40, {}}, {"b", 30, {}}, {"c", 20, {}}, {"d", 10, {}}});
  ASSERT_EQ(report.topics.size(), 4u);
  EXPECT_EQ(report.categorized_records, 100);
  EXPECT_DOUBLE_EQ(report.topics[0].target, 0.25);
  EXPECT_DOUBLE_EQ(report.topics[2].share, 0.20);
  EXPECT_EQ(report.topics[0].deficit, -15);  // surplus
  EXPECT_EQ(report.topics[2].deficit, 5);
  EXPECT_EQ(report.topics[3].deficit, 15);
  // The worst topic has 10 of the 25 it should: 0.4.
  ASSERT_TRUE(report.balance_score);
  EXPECT_DOUBLE_EQ(*report.balance_score, 0.4);
  EXPECT_EQ(report.worst_topic_id, "d");
}

TEST(Coverage, BalanceIsOneOnlyWhenEveryTopicMeetsItsTarget) {
  auto met = compute_coverage({{"a", 50, 0.5}, {"b", 50, 0.5}});
  EXPECT_DOUBLE_EQ(*met.balance_score, 1.0);
  // Over-covered topics count as 1, never above.
  auto skewed = compute_coverage({{"a", 70, 0.5}, {"b", 30, 0.5}});
  EXPECT_DOUBLE_EQ(*skewed.balance_score, 0.6);
}

TEST(Coverage, DeficitIsNotOffByOneFromFloatingPointRounding) {
  // 0.1 × 30 is 3.0000000000000004 or 2.9999999999999996 depending on the path; 3 − 3 = 0.
  EXPECT_EQ(coverage_deficit(0.1, 30, 3), 0);
  EXPECT_EQ(coverage_deficit(0.7, 10, 7), 0);
  EXPECT_EQ(coverage_deficit(1.0 / 3.0, 300, 99), 1);
  EXPECT_EQ(coverage_deficit(0.25, 10, 0), 2);  // floor(2.5)
}

TEST(Coverage, NoTopicsGivesNoBalanceScore) {
  auto report = compute_coverage({});
  EXPECT_TRUE(report.topics.empty());
  EXPECT_FALSE(report.balance_score);
}

TEST(Coverage, TopicsWithoutRecordsAreUncoveredNotSkipped) {
  auto report = compute_coverage({{"a", 12, {}}, {"empty", 0, {}}});
  EXPECT_DOUBLE_EQ(*report.balance_score, 0.0);
  EXPECT_EQ(report.worst_topic_id, "empty");
  EXPECT_EQ(report.topics[1].deficit, 6);
}

TEST(Coverage, NoCategorizedRecordsMeansNothingToBalanceYet) {
  auto report = compute_coverage({{"a", 0, {}}, {"b", 0, {}}}, 25);
  EXPECT_FALSE(report.balance_score);
  EXPECT_EQ(report.uncategorized_records, 25);
  EXPECT_EQ(report.topics[0].deficit, 0);
}

TEST(Coverage, ASingleTopicIsAlwaysBalanced) {
  auto report = compute_coverage({{"only", 7, {}}});
  EXPECT_DOUBLE_EQ(report.topics[0].target, 1.0);
  EXPECT_DOUBLE_EQ(*report.balance_score, 1.0);
  EXPECT_EQ(report.topics[0].deficit, 0);
}

TEST(Coverage, UncategorizedRecordsStayOutOfTheShares) {
  auto report = compute_coverage({{"a", 30, {}}, {"b", 30, {}}}, 40);
  EXPECT_EQ(report.categorized_records, 60);
  EXPECT_EQ(report.uncategorized_records, 40);
  EXPECT_DOUBLE_EQ(report.topics[0].share, 0.5);
  EXPECT_DOUBLE_EQ(*report.balance_score, 1.0);
}

TEST(TargetShares, TargetsThatDoNotSumToOneAreReadAsWeights) {
  auto over = resolve_target_shares({0.5, 0.5, 0.5});
  for (double share : over) EXPECT_NEAR(share, 1.0 / 3.0, 1e-12);
  auto under = resolve_target_shares({0.2, 0.2});
  EXPECT_NEAR(under[0], 0.5, 1e-12);
  // So a dataset split as the weights say is balanced.
  auto report = compute_coverage({{"a", 20, 0.2}, {"b", 60, 0.6}, {"c", 20, 0.6}});
  EXPECT_NEAR(report.topics[1].target, 0.6 / 1.4, 1e-12);
  EXPECT_NEAR(*report.balance_score, 0.2 / (0.6 / 1.4), 1e-12);
}

TEST(TargetShares, UnsetTopicsShareWhatTheSetOnesLeave) {
  auto shares = resolve_target_shares({0.5, std::nullopt, std::nullopt});
  EXPECT_NEAR(shares[0], 0.5, 1e-12);
  EXPECT_NEAR(shares[1], 0.25, 1e-12);
  EXPECT_NEAR(shares[2], 0.25, 1e-12);
  // Set targets that already take everything leave nothing to the others.
  auto full = resolve_target_shares({1.0, std::nullopt});
  EXPECT_NEAR(full[0], 1.0, 1e-12);
  EXPECT_NEAR(full[1], 0.0, 1e-12);
}

TEST(TargetShares, ZeroTargetTopicsDoNotCountInTheBalance) {
  auto report = compute_coverage({{"wanted", 10, 1.0}, {"unwanted", 0, 0.0}});
  EXPECT_DOUBLE_EQ(*report.balance_score, 1.0);
  EXPECT_EQ(report.topics[1].deficit, 0);
  // Every target zero: no topic has a target, so no score.
  EXPECT_FALSE(compute_coverage({{"a", 3, 0.0}}).balance_score);
  EXPECT_TRUE(resolve_target_shares({}).empty());
}

}  // namespace
}  // namespace reinforge::coverage
