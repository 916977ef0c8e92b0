#include <gtest/gtest.h>

#include "coverage/step_status.hpp"

namespace reinforge::coverage {
namespace {

CoverageStepFacts facts(bool categorized, std::optional<double> balance, bool generating = false,
                        double progress = 0, bool skipped = false) {
  CoverageStepFacts result;
  result.categorization_complete = categorized;
  result.balance_score = balance;
  result.generating = generating;
  result.generating_progress = progress;
  result.skipped = skipped;
  return result;
}

CoverageStepVerdict with_balance(double score) { return coverage_step_status(facts(true, score)); }

TEST(CoverageStep, WaitsForCategorization) {
  EXPECT_EQ(coverage_step_status({}).status, CoverageStepStatus::waiting);
  EXPECT_EQ(coverage_step_status(facts(false, 0.9)).status,
            CoverageStepStatus::waiting);
  EXPECT_EQ(coverage_step_status(facts(true, std::nullopt)).status, CoverageStepStatus::waiting);
}

TEST(CoverageStep, BalanceAboveSixTenthsIsComplete) {
  EXPECT_EQ(with_balance(1.0).status, CoverageStepStatus::complete);
  EXPECT_EQ(with_balance(0.61).status, CoverageStepStatus::complete);
  EXPECT_EQ(with_balance(0.61).band, BalanceBand::good);
}

TEST(CoverageStep, BetweenThreeAndSixTenthsNeedsAttention) {
  for (double score : {0.6, 0.45, 0.3}) {
    auto verdict = with_balance(score);
    EXPECT_EQ(verdict.status, CoverageStepStatus::attention) << score;
    EXPECT_EQ(verdict.band, BalanceBand::attention) << score;
    EXPECT_FALSE(verdict.generation_recommended) << score;
  }
}

TEST(CoverageStep, BelowThreeTenthsIsPoorAndRecommendsGeneration) {
  for (double score : {0.29, 0.0}) {
    auto verdict = with_balance(score);
    EXPECT_EQ(verdict.status, CoverageStepStatus::attention);
    EXPECT_EQ(verdict.band, BalanceBand::poor);
    EXPECT_TRUE(verdict.generation_recommended);
    EXPECT_NE(verdict.headline.find("generation recommended"), std::string::npos);
  }
}

TEST(CoverageStep, GeneratingRunsWithProgressAndSkippedShowsSkipped) {
  auto running = coverage_step_status(facts(true, 0.1, true, 0.4));
  EXPECT_EQ(running.status, CoverageStepStatus::running);
  EXPECT_DOUBLE_EQ(*running.progress, 0.4);
  auto skipped = coverage_step_status(facts(true, 0.1, false, 0, true));
  EXPECT_EQ(skipped.status, CoverageStepStatus::skipped);
  EXPECT_EQ(to_string(skipped.status), "skipped");
}

}  // namespace
}  // namespace reinforge::coverage
