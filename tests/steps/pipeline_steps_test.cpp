#include "steps/pipeline_steps.hpp"

#include <gtest/gtest.h>

namespace reinforge::steps {
namespace {

TEST(ExtractStep, waits_for_records_from_where_they_come) {
  auto step = extract_step({});
  EXPECT_EQ(step.status, StepStatus::waiting);
  EXPECT_EQ(step.headline, "No records yet: upload a JSONL file");
  ExtractFacts from_traces;
  from_traces.from_traces = true;
  EXPECT_EQ(extract_step(from_traces).headline,
            "No records yet: no trace matched the filter; pull new traces later");
  ExtractFacts one;
  one.records = one.valid = 1;
  EXPECT_EQ(extract_step(one).headline, "1 record extracted");
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
  facts.valid = 1042;
  auto step = extract_step(facts);
  EXPECT_EQ(step.status, StepStatus::complete);
  EXPECT_EQ(step.headline, "1,042 records extracted");
}

// Invalid records train nothing: a file of them is no ready dataset.
TEST(ExtractStep, records_that_are_mostly_or_all_invalid_need_attention) {
  ExtractFacts facts;
  facts.records = 11;
  facts.invalid = 11;
  auto none_valid = extract_step(facts);
  EXPECT_EQ(none_valid.status, StepStatus::attention);
  EXPECT_EQ(none_valid.headline, "11 records extracted · none is valid: see View issues");
  facts.valid = 1;
  facts.invalid = 5;
  facts.records = 6;
  EXPECT_EQ(extract_step(facts).status, StepStatus::attention);
  facts.valid = 1000;
  facts.invalid = 1200;
  facts.records = 2200;
  EXPECT_EQ(extract_step(facts).headline,
            "2,200 records extracted · 1,200 invalid, more than valid: see View issues");
  facts.valid = 5;
  facts.invalid = 1;
  facts.records = 6;
  auto some_invalid = extract_step(facts);
  EXPECT_EQ(some_invalid.status, StepStatus::complete);
  EXPECT_EQ(some_invalid.headline, "6 records extracted · 1 invalid");
}

TEST(ExtractStep, an_import_that_found_no_records_says_so) {
  ExtractFacts facts;
  facts.last_import_found_none = true;
  auto step = extract_step(facts);
  EXPECT_EQ(step.status, StepStatus::attention);
  EXPECT_EQ(step.headline, "The uploaded file had no records: upload another");
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

TEST(TrainStep, follows_the_latest_run_then_the_dry_run_it_would_start_from) {
  TrainFacts facts;
  EXPECT_EQ(train_step(facts).status, StepStatus::waiting);
  facts.dry_run_verdict = "NO-GO";
  EXPECT_EQ(train_step(facts).status, StepStatus::waiting);
  facts.dry_run_verdict = "CAUTION";
  EXPECT_EQ(train_step(facts).status, StepStatus::ready);
  facts.dry_run_stale = true;
  EXPECT_EQ(train_step(facts).status, StepStatus::waiting);
  facts.has_run = true;
  facts.run_state = "running";
  facts.run_progress = 0.4;
  facts.run_headline = "Step 40/100";
  auto running = train_step(facts);
  EXPECT_EQ(running.status, StepStatus::running);
  EXPECT_EQ(running.progress, 0.4);
  EXPECT_EQ(running.headline, "Step 40/100");
  facts.run_state = "succeeded";
  facts.fine_tuned_model = "ft:m";
  EXPECT_EQ(train_step(facts).status, StepStatus::complete);
  facts.run_inputs_changed = true;
  EXPECT_EQ(train_step(facts).status, StepStatus::stale);
  facts.run_state = "failed";
  facts.run_error = "boom";
  EXPECT_EQ(train_step(facts).status, StepStatus::failed);
  facts.run_state = "cancelled";
  facts.dry_run_stale = false;
  facts.dry_run_verdict = "GO";
  auto cancelled = train_step(facts);
  EXPECT_EQ(cancelled.status, StepStatus::ready);
  EXPECT_NE(cancelled.headline.find("cancelled"), std::string::npos);
}

TEST(DeployStep, waits_for_a_model_then_is_ready_then_complete_while_deployed) {
  DeployFacts facts;
  EXPECT_EQ(deploy_step(facts).status, StepStatus::waiting);
  facts.trained_model = "ft:m";
  EXPECT_EQ(deploy_step(facts).status, StepStatus::ready);
  facts.deployed = "A/B 20% of support → ft:m";
  auto deployed = deploy_step(facts);
  EXPECT_EQ(deployed.status, StepStatus::complete);
  EXPECT_EQ(deployed.headline, "Deployed: A/B 20% of support → ft:m");
}

}  // namespace
}  // namespace reinforge::steps
