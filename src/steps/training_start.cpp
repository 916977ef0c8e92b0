#include "steps/training_start.hpp"

#include <string_view>

#include "grading/grader_config.hpp"
#include "grading/openai_grader_export.hpp"
#include "steps/dry_run_job.hpp"
#include "steps/training_job.hpp"
#include "util/clock.hpp"
#include "util/secure_token.hpp"

namespace reinforge::steps {

namespace {

// The export's reason without its own "no OpenAI equivalent: ", which the refusal says already.
std::string without_export_prefix(std::string reason) {
  constexpr std::string_view kPrefix = "no OpenAI equivalent: ";
  if (reason.starts_with(kPrefix)) reason.erase(0, kPrefix.size());
  return reason;
}

struct SplitAndGate {
  TrainingPreflight preflight;
  training::TrainingSplit split;
  std::optional<store::GraderRow> grader;
};

SplitAndGate check(store::Store& store, const store::Dataset& dataset,
                   const training::TrainingOptions& options) {
  SplitAndGate result;
  auto& preflight = result.preflight;
  std::vector<training::SplitCandidate> candidates;
  store.for_each_record_for_topics(dataset.id, false, [&](const auto& page) {
    for (const auto& record : page) candidates.push_back({record.id, record.topic.value_or("")});
    return true;
  });
  result.split = training::split_records(candidates, options.split);
  preflight.train = static_cast<int64_t>(result.split.train_ids.size());
  preflight.valid = static_cast<int64_t>(result.split.valid_ids.size());

  result.grader = store.current_grader(dataset.id);
  if (options.grader) {
    store::GraderRow given;
    given.dataset_id = dataset.id;
    given.config_json = options.grader->dump();
    given.version = grading::grader_version(*options.grader);
    result.grader = given;
  }
  training::GateFacts facts;
  facts.confirm_caution = options.confirm_caution;
  facts.override_gate = options.override_gate;
  if (auto saved = store.get_step_state(dataset.id, kDryRunStepState)) {
    auto state = nlohmann::json::parse(*saved, nullptr, false);
    if (state.is_object() && state.contains("report")) {
      facts.verdict = state["report"].value("verdict", "");
      facts.stale = state.value("dataset_revision", int64_t{0}) != dataset.revision ||
                    !result.grader ||
                    state["report"].value("grader_version", "") != result.grader->version;
    }
  }
  preflight.verdict = facts.verdict;
  preflight.stale = facts.stale;
  preflight.gate = training::training_gate(facts);

  if (result.grader && options.backend == training::kOpenAiBackend) {
    auto exported = grading::export_openai_grader(nlohmann::json::parse(result.grader->config_json),
                                                  dataset.objective);
    preflight.grader_ok = exported.ok;
    preflight.grader_error = exported.error;
    preflight.grader_notes = exported.notes;
  }

  if (!result.grader) {
    preflight.refusal.emplace("no_grader",
                              "Save a grader first (step 4): training is scored by it.", true);
  } else if (candidates.empty()) {
    preflight.refusal.emplace("no_valid_records", "The dataset has no valid records to train on.",
                              true);
  } else if (!preflight.grader_ok) {
    preflight.refusal.emplace(
        "grader_not_exportable",
        "The grader has no OpenAI equivalent (" + without_export_prefix(preflight.grader_error) +
            "). Use the external backend, which scores with this grader as it is.",
        false);
  } else if (preflight.gate.outcome == training::GateOutcome::needs_confirmation) {
    preflight.refusal.emplace(preflight.gate.code, preflight.gate.message, true);
  } else if (preflight.gate.outcome == training::GateOutcome::refused) {
    preflight.refusal.emplace(preflight.gate.code, preflight.gate.message, true);
  }
  return result;
}

}  // namespace

TrainingPreflight preflight_training(store::Store& store, const store::Dataset& dataset,
                                     const training::TrainingOptions& options) {
  return check(store, dataset, options).preflight;
}

nlohmann::json preflight_json(const TrainingPreflight& preflight,
                              const training::TrainingOptions& options) {
  return {
      {"allowed", !preflight.refusal.has_value()},
      {"needs_confirmation", preflight.gate.outcome == training::GateOutcome::needs_confirmation},
      {"code",
       preflight.refusal ? nlohmann::json(preflight.refusal->code) : nlohmann::json(nullptr)},
      {"message",
       preflight.refusal ? std::string(preflight.refusal->what()) : preflight.gate.message},
      {"gate",
       {{"verdict",
         preflight.verdict ? nlohmann::json(*preflight.verdict) : nlohmann::json(nullptr)},
        {"stale", preflight.stale},
        {"overridden", preflight.gate.overridden},
        // The dry run's own sentence, even when another refusal (the grader) is `message`.
        {"message", preflight.gate.message}}},
      {"split", {{"train", preflight.train}, {"valid", preflight.valid}}},
      {"grader",
       {{"ok", preflight.grader_ok},
        {"error", preflight.grader_error.empty() ? nlohmann::json(nullptr)
                                                 : nlohmann::json(preflight.grader_error)},
        {"notes", preflight.grader_notes}}},
      {"hyperparameters", options.hyperparameters}};
}

StartedTraining start_training(store::Store& store, store::TrainingStore& runs,
                               jobs::JobRunner& jobs, const store::Dataset& dataset,
                               const training::TrainingOptions& options) {
  auto checked = check(store, dataset, options);
  if (checked.preflight.refusal) throw *checked.preflight.refusal;
  store::TrainingRun run;
  run.dataset_id = dataset.id;
  run.backend = options.backend;
  run.base_model = options.base_model;
  run.state = "queued";
  run.dataset_revision = dataset.revision;
  run.grader_version = checked.grader->version;
  run.grader_config_json = checked.grader->config_json;
  auto stored_options = options.to_json();
  stored_options["gate"] = {
      {"verdict", checked.preflight.verdict ? nlohmann::json(*checked.preflight.verdict)
                                            : nlohmann::json(nullptr)},
      {"stale", checked.preflight.stale},
      {"overridden", checked.preflight.gate.overridden}};
  run.options_json = stored_options.dump();
  StartedTraining started;
  // A launched command gets its token from the job; a trainer the person starts needs one now.
  if (options.backend == training::kExternalBackend && options.command.empty()) {
    started.token = util::generate_secret("rft_");
    run.token_sha256 = util::sha256_hex(*started.token);
  }
  run.created_at = util::now_unix_seconds();
  run = runs.create_run(run, checked.split.train_ids, checked.split.valid_ids);
  auto job = submit_training_job(jobs, dataset.id, run.id);
  started.run =
      *runs.modify_run(run.id, [&](store::TrainingRun& stored) { stored.job_id = job.id; });
  return started;
}

}  // namespace reinforge::steps
