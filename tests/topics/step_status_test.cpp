#include <gtest/gtest.h>

#include "topics/step_status.hpp"

namespace reinforge::topics {
namespace {

TopicsStepFacts facts(int64_t topics, int64_t valid, int64_t categorized, int64_t low) {
  TopicsStepFacts result;
  result.topic_count = topics;
  result.valid_records = valid;
  result.categorized_records = categorized;
  result.low_confidence_records = low;
  return result;
}

TEST(TopicsStep, NoTopicsIsWaiting) {
  EXPECT_EQ(topics_step_status(facts(0, 100, 0, 0)).status, TopicsStepStatus::waiting);
  EXPECT_EQ(topics_step_status(facts(3, 0, 0, 0)).status, TopicsStepStatus::waiting);
}

TEST(TopicsStep, CategorizingIsRunningWithProgress) {
  auto running = facts(3, 100, 40, 0);
  running.categorizing = true;
  running.categorizing_progress = 0.4;
  auto verdict = topics_step_status(running);
  EXPECT_EQ(verdict.status, TopicsStepStatus::running);
  EXPECT_DOUBLE_EQ(*verdict.progress, 0.4);
}

TEST(TopicsStep, UncategorizedRecordsLeaveTheStepReady) {
  auto verdict = topics_step_status(facts(3, 100, 90, 0));
  EXPECT_EQ(verdict.status, TopicsStepStatus::ready);
  EXPECT_NE(verdict.headline.find("10 records uncategorized"), std::string::npos);
}

TEST(TopicsStep, LowConfidenceShareDecidesCompleteOrAttention) {
  EXPECT_EQ(topics_step_status(facts(3, 100, 100, 4)).status, TopicsStepStatus::complete);
  EXPECT_EQ(topics_step_status(facts(3, 100, 100, 5)).status, TopicsStepStatus::attention);  // 5% is attention
  EXPECT_EQ(topics_step_status(facts(1, 1, 1, 0)).status, TopicsStepStatus::complete);  // a single topic
  EXPECT_EQ(to_string(TopicsStepStatus::attention), "attention");
}

}  // namespace
}  // namespace reinforge::topics
