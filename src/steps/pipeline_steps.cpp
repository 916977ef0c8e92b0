#include "steps/pipeline_steps.hpp"

#include <cmath>

namespace reinforge::steps {

std::string_view to_string(StepName step) {
  switch (step) {
    case StepName::extract:
      return "extract";
    case StepName::topics:
      return "topics";
    case StepName::coverage:
      return "coverage";
    case StepName::grader:
      return "grader";
    case StepName::dry_run:
      return "dry_run";
    case StepName::train:
      return "train";
    case StepName::deploy:
      return "deploy";
  }
  return "extract";
}

std::string_view to_string(StepStatus status) {
  switch (status) {
    case StepStatus::waiting:
      return "waiting";
    case StepStatus::ready:
      return "ready";
    case StepStatus::running:
      return "running";
    case StepStatus::complete:
      return "complete";
    case StepStatus::attention:
      return "attention";
    case StepStatus::failed:
      return "failed";
    case StepStatus::skipped:
      return "skipped";
    case StepStatus::stale:
      return "stale";
  }
  return "waiting";
}

const std::vector<StepName>& all_steps() {
  static const std::vector<StepName> steps = {
      StepName::extract, StepName::topics, StepName::coverage, StepName::grader,
      StepName::dry_run, StepName::train,  StepName::deploy};
  return steps;
}

static std::string with_thousands(int64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count && count % 3 == 0 && *it != '-') out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++count;
  }
  return out;
}

StepState extract_step(const ExtractFacts& facts) {
  StepState state{StepName::extract, StepStatus::waiting, std::nullopt, ""};
  if (facts.import_running) {
    state.status = StepStatus::running;
    state.progress = facts.import_progress;
    state.headline = "Importing records… " +
                     std::to_string(static_cast<int>(std::floor(facts.import_progress * 100))) +
                     "%";
    return state;
  }
  if (facts.records == 0) {
    if (facts.last_import_error) {
      state.status = StepStatus::failed;
      state.headline = "Import failed: " + *facts.last_import_error;
    } else if (facts.last_import_found_none) {
      state.status = StepStatus::attention;
      state.headline = "The uploaded file had no records: upload another";
    } else if (facts.from_traces) {
      state.headline = "No records yet: no trace matched the filter; pull new traces later";
    } else {
      state.headline = "No records yet: upload a JSONL file";
    }
    return state;
  }
  state.status = StepStatus::complete;
  state.headline =
      with_thousands(facts.records) + (facts.records == 1 ? " record extracted" : " records extracted");
  // Invalid records are kept for review but train nothing: a dataset made mostly of them is
  // not ready, whatever the other steps say.
  if (facts.valid == 0) {
    state.status = StepStatus::attention;
    state.headline += " · none is valid: see View issues";
  } else if (facts.invalid > facts.valid) {
    state.status = StepStatus::attention;
    state.headline +=
        " · " + with_thousands(facts.invalid) + " invalid, more than valid: see View issues";
  } else if (facts.invalid > 0) {
    state.headline += " · " + with_thousands(facts.invalid) + " invalid";
  }
  if (facts.last_import_error) {
    state.status = StepStatus::attention;
    state.headline += " · last import failed: " + *facts.last_import_error;
  }
  return state;
}

StepState train_step(const TrainFacts& facts) {
  StepState state{StepName::train, StepStatus::waiting, std::nullopt, ""};
  if (facts.has_run) {
    const auto& run = facts.run_state;
    if (run == "queued" || run == "starting" || run == "running") {
      state.status = StepStatus::running;
      state.progress = facts.run_progress;
      state.headline = facts.run_headline.empty() ? "Training" : facts.run_headline;
      return state;
    }
    if (run == "succeeded") {
      state.status = facts.run_inputs_changed ? StepStatus::stale : StepStatus::complete;
      state.headline = "Model " + facts.fine_tuned_model.value_or("(unnamed)");
      if (facts.run_inputs_changed)
        state.headline += " · records or grader changed since, re-train";
      return state;
    }
    if (run == "failed") {
      state.status = StepStatus::failed;
      state.headline = "Training failed: " + facts.run_error.value_or("unknown error");
      return state;
    }
  }
  bool current = facts.dry_run_verdict && !facts.dry_run_stale;
  if (current && (*facts.dry_run_verdict == "GO" || *facts.dry_run_verdict == "CAUTION")) {
    state.status = StepStatus::ready;
    state.headline =
        *facts.dry_run_verdict == "GO" ? "Ready to train" : "Ready to train (dry run CAUTION)";
  } else if (!facts.dry_run_verdict) {
    state.headline = "Waiting for a GO dry run";
  } else if (facts.dry_run_stale) {
    state.headline = "Waiting for a current dry run (the last one is stale)";
  } else {
    state.headline = "Dry run is NO-GO: fix the data or grader first";
  }
  if (facts.has_run && facts.run_state == "cancelled") state.headline += " · last run cancelled";
  return state;
}

StepState deploy_step(const DeployFacts& facts) {
  if (facts.deployed)
    return StepState{StepName::deploy, StepStatus::complete, std::nullopt,
                     "Deployed: " + *facts.deployed};
  if (facts.trained_model)
    return StepState{StepName::deploy, StepStatus::ready, std::nullopt,
                     "Ready to deploy " + *facts.trained_model};
  return waiting_step(StepName::deploy, "Waiting for a trained model");
}

StepState waiting_step(StepName step, std::string headline) {
  return StepState{step, StepStatus::waiting, std::nullopt, std::move(headline)};
}

std::string_view dataset_status(const std::vector<StepState>& steps) {
  for (const auto& step : steps) {
    if (step.status == StepStatus::running) return "running";
    if (step.status == StepStatus::failed) return "failed";
    if (step.status == StepStatus::attention) return "attention";
  }
  return "ready";
}

}  // namespace reinforge::steps
