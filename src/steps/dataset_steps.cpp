#include "steps/dataset_steps.hpp"

#include <nlohmann/json.hpp>

#include "coverage/step_status.hpp"
#include "steps/dataset_coverage.hpp"
#include "steps/dry_run_job.hpp"
#include "steps/split_topic_job.hpp"
#include "steps/topic_jobs.hpp"
#include "steps/training_job.hpp"
#include "topics/step_status.hpp"

namespace reinforge::steps {

namespace {

ExtractFacts extract_facts(store::Store& store, const store::Dataset& dataset,
                           const store::RecordCounts& counts) {
  ExtractFacts facts;
  facts.records = counts.total;
  facts.valid = counts.valid;
  facts.invalid = counts.invalid;
  for (const auto& job : store.list_jobs(dataset.id, 20)) {
    if (job.kind != "import") continue;
    if (job.state == store::JobState::running || job.state == store::JobState::queued) {
      facts.import_running = true;
      facts.import_progress = job.total > 0 ? static_cast<double>(job.done) / job.total : 0;
    } else if (job.state == store::JobState::failed) {
      facts.last_import_error = job.error.value_or("unknown error");
    } else if (job.state == store::JobState::succeeded && job.result_json) {
      auto result = nlohmann::json::parse(*job.result_json, nullptr, false);
      facts.last_import_found_none = result.is_object() && result.value("imported", -1) == 0;
    }
    break;  // only the latest import counts
  }
  return facts;
}

std::optional<store::Job> latest_job(store::Store& store, int64_t dataset_id,
                                     std::initializer_list<std::string_view> kinds) {
  for (const auto& job : store.list_jobs(dataset_id, 50)) {
    for (auto kind : kinds) {
      if (job.kind == kind) return job;
    }
  }
  return std::nullopt;
}

StepStatus from_topics_status(topics::TopicsStepStatus status) {
  switch (status) {
    case topics::TopicsStepStatus::waiting:
      return StepStatus::waiting;
    case topics::TopicsStepStatus::ready:
      return StepStatus::ready;
    case topics::TopicsStepStatus::running:
      return StepStatus::running;
    case topics::TopicsStepStatus::complete:
      return StepStatus::complete;
    case topics::TopicsStepStatus::attention:
      return StepStatus::attention;
  }
  return StepStatus::waiting;
}

StepState topics_step(store::Store& store, const store::Dataset& dataset,
                      const store::RecordCounts& counts, const DatasetCoverage& covered) {
  topics::TopicsStepFacts facts;
  facts.valid_records = counts.valid;
  facts.topic_count = static_cast<int64_t>(covered.leaves.size());
  facts.categorized_records = covered.report.categorized_records;
  facts.low_confidence_records = covered.low_confidence;
  auto job = latest_job(store, dataset.id, {kDiscoverTopicsJob, kCategorizeJob, kSplitTopicJob});
  if (job && (job->state == store::JobState::running || job->state == store::JobState::queued)) {
    facts.categorizing = true;
    facts.categorizing_progress = job->total > 0 ? static_cast<double>(job->done) / job->total : 0;
  }
  auto verdict = topics::topics_step_status(facts);
  StepState state{StepName::topics, from_topics_status(verdict.status), verdict.progress,
                  verdict.headline};
  if (!facts.categorizing && job && job->state == store::JobState::failed &&
      facts.categorized_records == 0) {
    state.status = StepStatus::failed;
    state.headline = "Topics failed: " + job->error.value_or("unknown error");
  }
  return state;
}

StepStatus from_coverage_status(coverage::CoverageStepStatus status) {
  switch (status) {
    case coverage::CoverageStepStatus::waiting:
      return StepStatus::waiting;
    case coverage::CoverageStepStatus::running:
      return StepStatus::running;
    case coverage::CoverageStepStatus::complete:
      return StepStatus::complete;
    case coverage::CoverageStepStatus::attention:
      return StepStatus::attention;
    case coverage::CoverageStepStatus::skipped:
      return StepStatus::skipped;
  }
  return StepStatus::waiting;
}

StepState coverage_step(store::Store& store, const store::Dataset& dataset,
                        const StepState& topics_state, const DatasetCoverage& covered) {
  coverage::CoverageStepFacts facts;
  facts.categorization_complete =
      covered.has_topics && covered.report.uncategorized_records == 0 &&
      (topics_state.status == StepStatus::complete || topics_state.status == StepStatus::attention);
  facts.balance_score = covered.report.balance_score;
  if (auto state = store.get_step_state(dataset.id, "coverage")) {
    auto json = nlohmann::json::parse(*state, nullptr, false);
    facts.skipped = json.is_object() && json.value("skipped", false);
  }
  auto verdict = coverage::coverage_step_status(facts);
  return StepState{StepName::coverage, from_coverage_status(verdict.status), verdict.progress,
                   verdict.headline};
}

// Step 4 (PRODUCT.md §6): waiting until a grader is saved; complete when saved and its last
// test sample ran without errors.
StepState grader_step(store::Store& store, const store::Dataset& dataset) {
  auto grader = store.current_grader(dataset.id);
  if (!grader) return waiting_step(StepName::grader, "No grader defined");
  auto config = nlohmann::json::parse(grader->config_json, nullptr, false);
  std::string type = config.is_object() ? config.value("type", std::string("grader")) : "grader";
  StepState state{StepName::grader, StepStatus::ready, std::nullopt,
                  "Type: " + type + " · not tested yet"};
  if (!grader->last_test_json) return state;
  auto test = nlohmann::json::parse(*grader->last_test_json, nullptr, false);
  int errors = test.is_object() ? test.value("errors", 0) : 0;
  if (errors > 0) {
    state.status = StepStatus::attention;
    state.headline = "Type: " + type + " · " + std::to_string(errors) + " test grade(s) failed";
  } else {
    state.status = StepStatus::complete;
    state.headline = "Type: " + type + " · test sample passed";
  }
  return state;
}

// Step 5 (PRODUCT.md §7): GO is complete, CAUTION attention, NO-GO failed; a run whose dataset
// revision or grader version has changed since is stale.
StepState dry_run_step(store::Store& store, const store::Dataset& dataset) {
  auto grader = store.current_grader(dataset.id);
  if (!grader) return waiting_step(StepName::dry_run, "Waiting for a grader");
  auto job = latest_job(store, dataset.id, {kDryRunJob});
  if (job && (job->state == store::JobState::running || job->state == store::JobState::queued)) {
    double progress = job->total > 0 ? static_cast<double>(job->done) / job->total : 0;
    return StepState{StepName::dry_run, StepStatus::running, progress, job->message};
  }
  auto saved = store.get_step_state(dataset.id, kDryRunStepState);
  if (!saved) {
    if (job && job->state == store::JobState::failed) {
      return StepState{StepName::dry_run, StepStatus::failed, std::nullopt,
                       "Dry run failed: " + job->error.value_or("")};
    }
    return StepState{StepName::dry_run, StepStatus::ready, std::nullopt, "Ready to run"};
  }
  auto state = nlohmann::json::parse(*saved, nullptr, false);
  const auto& report = state["report"];
  std::string verdict = report.value("verdict", "");
  char figures[128];
  std::snprintf(figures, sizeof figures, " · %zu samples · mean %.2f · std %.2f",
                report["statistics"].value("samples", std::size_t{0}),
                report["statistics"].value("mean", 0.0),
                report["statistics"].value("std_dev", 0.0));
  StepState step{StepName::dry_run, StepStatus::complete, std::nullopt, verdict + figures};
  if (verdict == "CAUTION") step.status = StepStatus::attention;
  if (verdict == "NO-GO") step.status = StepStatus::failed;
  if (report.value("grader_version", "") != grader->version ||
      state.value("dataset_revision", int64_t{0}) != dataset.revision) {
    step.status = StepStatus::stale;
    step.headline = verdict + figures + " · inputs changed since, re-run";
  }
  return step;
}

StepState training_step(store::Store& store, store::TrainingStore* runs,
                        const store::Dataset& dataset, const StepState& dry_run) {
  TrainFacts facts;
  if (auto saved = store.get_step_state(dataset.id, kDryRunStepState)) {
    auto state = nlohmann::json::parse(*saved, nullptr, false);
    if (state.is_object() && state.contains("report"))
      facts.dry_run_verdict = state["report"].value("verdict", "");
  }
  facts.dry_run_stale = dry_run.status == StepStatus::stale;
  if (runs) {
    auto all = runs->list_runs(dataset.id);
    if (!all.empty()) {
      const auto& run = all.front();
      facts.has_run = true;
      facts.run_state = run.state;
      facts.fine_tuned_model = run.fine_tuned_model;
      facts.run_error = run.error;
      auto grader = store.current_grader(dataset.id);
      facts.run_inputs_changed = run.dataset_revision != dataset.revision || !grader ||
                                 grader->version != run.grader_version;
      auto progress = nlohmann::json::parse(run.progress_json, nullptr, false);
      if (progress.is_object()) facts.run_progress = progress.value("percent", 0.0);
      if (run.job_id) {
        if (auto job = store.find_job(*run.job_id)) facts.run_headline = job->message;
      }
    }
  }
  return train_step(facts);
}

StepState deployment_step(store::TrainingStore* runs, store::DeploymentStore* deployments,
                          const store::Dataset& dataset) {
  DeployFacts facts;
  if (runs) {
    for (const auto& run : runs->list_runs(dataset.id)) {
      if (run.state == "succeeded" && run.fine_tuned_model) {
        facts.trained_model = run.fine_tuned_model;
        break;
      }
    }
  }
  if (deployments) {
    for (const auto& deployment : deployments->list_deployments(true)) {
      if (deployment.dataset_id != dataset.id) continue;
      std::string how =
          deployment.mode == "ab"
              ? "A/B " + std::to_string(deployment.share_bp / 100) + "% of " + deployment.base_model
          : deployment.mode == "endpoint" ? deployment.endpoint
                                          : "replaces " + deployment.base_model;
      facts.deployed = how + " → " + deployment.tuned_model;
      break;
    }
  }
  return deploy_step(facts);
}

}  // namespace

std::vector<StepState> dataset_steps(store::Store& store, const store::Dataset& dataset,
                                     const store::RecordCounts& counts,
                                     const DatasetCoverage& covered, store::TrainingStore* runs,
                                     store::DeploymentStore* deployments, bool from_traces) {
  std::vector<StepState> steps;
  auto extract = extract_facts(store, dataset, counts);
  extract.from_traces = from_traces;
  steps.push_back(extract_step(extract));
  const bool has_valid = counts.valid > 0;
  steps.push_back(has_valid ? topics_step(store, dataset, counts, covered)
                            : waiting_step(StepName::topics, "Waiting for valid records"));
  steps.push_back(coverage_step(store, dataset, steps.back(), covered));
  steps.push_back(grader_step(store, dataset));
  steps.push_back(dry_run_step(store, dataset));
  steps.push_back(training_step(store, runs, dataset, steps.back()));
  steps.push_back(deployment_step(runs, deployments, dataset));
  return steps;
}

}  // namespace reinforge::steps
