#include "steps/dataset_steps.hpp"

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
    }
    break;  // only the latest import counts
  }
  return facts;
}

}  // namespace

std::vector<StepState> dataset_steps(store::Store& store, const store::Dataset& dataset,
                                     const store::RecordCounts& counts) {
  std::vector<StepState> steps;
  steps.push_back(extract_step(extract_facts(store, dataset, counts)));
  const bool has_valid = counts.valid > 0;
  steps.push_back(waiting_step(StepName::topics, has_valid ? "Topics not defined yet"
                                                           : "Waiting for valid records"));
  steps.push_back(waiting_step(StepName::coverage, "Waiting for topics"));
  steps.push_back(waiting_step(StepName::grader, "No grader defined"));
  steps.push_back(waiting_step(StepName::dry_run, "Waiting for a grader"));
  steps.push_back(waiting_step(StepName::train, "Waiting for a GO dry run"));
  steps.push_back(waiting_step(StepName::deploy, "Waiting for a trained model"));
  return steps;
}

}  // namespace reinforge::steps
