#include <gtest/gtest.h>

#include "steps/pipeline_steps.hpp"

namespace reinforge::steps {
namespace {

TEST(ExtractStep, waits_for_records) {
  auto step = extract_step({});
  EXPECT_EQ(step.status, StepStatus::waiting);
}

TEST(ExtractStep, shows_progress_while_importing) {
  ExtractFacts facts;
  facts.import_running = true;
  facts.import_progress = 0.52;
  auto step = extract_step(facts);
  EXPECT_EQ(step.status, StepStatus::running);
  EXPECT_DOUBLE_EQ(*step.progress, 0.52);
  EXPECT_NE(step.headline.find("52%"), std::string::npos);
}

TEST(ExtractStep, complete_with_records_and_thousands_separators) {
  ExtractFacts facts;
  facts.records = 1042;
  auto step = extract_step(facts);
  EXPECT_EQ(step.status, StepStatus::complete);
  EXPECT_EQ(step.headline, "1,042 records extracted");
}

TEST(ExtractStep, failed_import_without_records_fails_the_step) {
  ExtractFacts facts;
  facts.last_import_error = "the uploaded file is gone";
  EXPECT_EQ(extract_step(facts).status, StepStatus::failed);
  facts.records = 3;
  EXPECT_EQ(extract_step(facts).status, StepStatus::attention);
}

TEST(DatasetStatus, first_running_failed_or_attention_step_decides) {
  std::vector<StepState> steps = {{StepName::extract, StepStatus::complete, std::nullopt, ""},
                                  {StepName::topics, StepStatus::attention, std::nullopt, ""},
                                  {StepName::coverage, StepStatus::running, std::nullopt, ""}};
  EXPECT_EQ(dataset_status(steps), "attention");
  steps[1].status = StepStatus::complete;
  EXPECT_EQ(dataset_status(steps), "running");
  steps[2].status = StepStatus::waiting;
  EXPECT_EQ(dataset_status(steps), "ready");
}

}  // namespace
}  // namespace reinforge::steps
