#include "training/openai_trainer.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "grading/grader_config.hpp"
#include "grading/openai_grader_export.hpp"
#include "training/fine_tuning_client.hpp"
#include "training/split_lines.hpp"
#include "util/clock.hpp"

namespace reinforge::training {

namespace {

constexpr int kEventPageSize = 100;
constexpr int kMaxEventPages = 50;  // per poll: a long backlog is read over several polls
// A create refused with 429 (rate limit) did not create a job, so it is safe to try again.
constexpr int kCreateAttempts = 5;
// How long polls may fail in a row (after each call's own retries) before the run fails.
constexpr int64_t kMaxUnreachableSeconds = 30 * 60;

FineTuningClient client_for(const TrainerRun& run) {
  try {
    return FineTuningClient(grading::provider_config_from_json(run.options.at("provider")),
                            providers::CallControl{run.stop});
  } catch (const std::exception& error) {
    throw TrainerError(std::string("the OpenAI provider is not usable: ") + error.what());
  }
}

std::string split_jsonl(const TrainerRun& run, store::SplitPart part) {
  std::string jsonl;
  run.for_each_split_record(
      part, [&](int64_t record_id, const std::string&, const nlohmann::json& record) {
        jsonl += openai_rft_line(record_id, record).dump();
        jsonl += '\n';
      });
  return jsonl;
}

std::string event_level(const nlohmann::json& event) {
  auto level = event.value("level", "info");
  if (level == "warn") return "warning";
  return level == "error" ? "error" : "info";
}

// Job status -> outcome; fills the model or the error.
void read_job(const nlohmann::json& job, TrainerUpdate& update) {
  update.remote_status = job.value("status", "");
  if (job.contains("estimated_finish") && job["estimated_finish"].is_number_integer()) {
    update.eta_seconds =
        std::max<int64_t>(0, job["estimated_finish"].get<int64_t>() - util::now_unix_seconds());
  }
  if (update.remote_status == "succeeded") {
    update.outcome = TrainerOutcome::succeeded;
    if (job.contains("fine_tuned_model") && job["fine_tuned_model"].is_string())
      update.fine_tuned_model = job["fine_tuned_model"].get<std::string>();
  } else if (update.remote_status == "failed") {
    update.outcome = TrainerOutcome::failed;
    update.error = "the fine-tuning job failed";
    if (job.contains("error") && job["error"].is_object()) {
      const auto& error = job["error"];
      if (error.contains("message") && error["message"].is_string())
        update.error += ": " + error["message"].get<std::string>();
      if (error.contains("code") && error["code"].is_string())
        update.error += " (" + error["code"].get<std::string>() + ")";
    }
  } else if (update.remote_status == "cancelled") {
    update.outcome = TrainerOutcome::cancelled;
  }
}

// The events after the newest one read, oldest first. The API lists newest first and pages
// towards older events with `after`.
void read_new_events(FineTuningClient& client, const std::string& job_id, nlohmann::json& state,
                     TrainerUpdate& update) {
  std::string last_seen = state.value("last_event_id", "");
  std::vector<nlohmann::json> newer;
  std::string after;
  for (int page = 0; page < kMaxEventPages; ++page) {
    auto events = client.list_events(job_id, after, kEventPageSize);
    bool reached = false;
    for (auto& event : events.events) {
      if (!last_seen.empty() && event.value("id", "") == last_seen) {
        reached = true;
        break;
      }
      newer.push_back(std::move(event));
    }
    if (reached || !events.has_more || newer.empty()) break;
    after = newer.back().value("id", "");
  }
  std::reverse(newer.begin(), newer.end());
  for (const auto& event : newer) {
    int64_t at_ms = event.value("created_at", int64_t{0}) * 1000;
    if (event.value("type", "message") == "metrics" && event.contains("data") &&
        event["data"].is_object()) {
      update.metrics.push_back(event["data"]);
    }
    update.events.push_back({0, 0, at_ms, event_level(event), event.value("message", "")});
  }
  if (!newer.empty()) state["last_event_id"] = newer.back().value("id", "");
}

void read_new_checkpoints(FineTuningClient& client, const std::string& job_id,
                          nlohmann::json& state, TrainerUpdate& update) {
  auto& seen = state["checkpoints_seen"];
  if (!seen.is_array()) seen = nlohmann::json::array();
  auto checkpoints = client.list_checkpoints(job_id);
  std::reverse(checkpoints.begin(), checkpoints.end());  // oldest first in the log
  for (const auto& checkpoint : checkpoints) {
    auto id = checkpoint.value("id", "");
    if (id.empty() || std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
    seen.push_back(id);
    update.events.push_back({0, 0, checkpoint.value("created_at", int64_t{0}) * 1000, "info",
                             "Checkpoint at step " +
                                 std::to_string(checkpoint.value("step_number", 0)) + ": " +
                                 checkpoint.value("fine_tuned_model_checkpoint", id)});
  }
}

void upload_part(FineTuningClient& client, const TrainerRun& run, nlohmann::json& state,
                 TrainerUpdate& update, store::SplitPart part) {
  bool train = part == store::SplitPart::train;
  const char* key = train ? "training_file" : "validation_file";
  if (state.contains(key)) return;
  auto file = client.upload_file(
      "run-" + std::to_string(run.run.id) + (train ? "-train.jsonl" : "-valid.jsonl"),
      split_jsonl(run, part));
  state[key] = file.value("id", "");
  run.checkpoint(state);
  update.events.push_back({0, 0, 0, "info",
                           std::string("Uploaded the ") + (train ? "training" : "validation") +
                               " split (" +
                               std::to_string(train ? run.run.train_count : run.run.valid_count) +
                               " records) as " + state[key].get<std::string>()});
}

class OpenAiTrainer final : public Trainer {
 public:
  TrainerUpdate start(const TrainerRun& run, nlohmann::json& state) override {
    auto grader_config = nlohmann::json::parse(run.run.grader_config_json);
    auto exported = grading::export_openai_grader(grader_config, run.objective);
    if (!exported.ok) throw TrainerError("the grader: " + exported.error);
    auto client = client_for(run);
    TrainerUpdate update;
    for (const auto& note : exported.notes)
      update.events.push_back({0, 0, 0, "info", "Grader: " + note});
    // Each file is kept in the run's state as soon as it is uploaded, so a restart in between
    // does not upload it twice.
    upload_part(client, run, state, update, store::SplitPart::train);
    upload_part(client, run, state, update, store::SplitPart::valid);
    auto body =
        openai_job_body(run, exported.grader, state["training_file"], state["validation_file"]);
    nlohmann::json job;
    for (int attempt = 1;; ++attempt) {
      try {
        job = client.create_job(body);
        break;
      } catch (const FineTuningApiError& error) {
        if (error.http_status != 429 || attempt >= kCreateAttempts)
          throw TrainerError(error.what());
        update.events.push_back(
            {0, 0, 0, "warning", std::string("Rate-limited; retrying: ") + error.what()});
        std::this_thread::sleep_for(std::chrono::seconds(attempt * 2));
      }
    }
    state["job_id"] = job.value("id", "");
    if (state["job_id"].get<std::string>().empty())
      throw TrainerError("the fine-tuning API created a job without an id");
    run.checkpoint(state);
    update.events.push_back(
        {0, 0, 0, "info", "Created fine-tuning job " + state["job_id"].get<std::string>()});
    read_job(job, update);
    return update;
  }

  TrainerUpdate poll(const TrainerRun& run, nlohmann::json& state) override {
    auto client = client_for(run);
    auto job_id = state.value("job_id", "");
    if (job_id.empty()) throw TrainerError("the run has no fine-tuning job id to follow");
    TrainerUpdate update;
    try {
      read_new_events(client, job_id, state, update);
      read_new_checkpoints(client, job_id, state, update);
      read_job(client.get_job(job_id), update);
      if (update.outcome != TrainerOutcome::running) {
        // The events written just before the status changed.
        read_new_events(client, job_id, state, update);
      }
      state.erase("unreachable_since");
    } catch (const FineTuningApiError& error) {
      if (error.is_refusal()) throw TrainerError(error.what());
      // A passing outage is waited out; one that lasts fails the run rather than leaving it
      // "running" with nobody following the job.
      int64_t now = util::now_unix_seconds();
      if (!state.contains("unreachable_since")) state["unreachable_since"] = now;
      int64_t limit_s = run.options.value("max_unreachable_s", kMaxUnreachableSeconds);
      if (now - state["unreachable_since"].get<int64_t>() >= limit_s) {
        std::string waited = limit_s >= 120 ? std::to_string(limit_s / 60) + " minutes"
                             : std::to_string(limit_s) + (limit_s == 1 ? " second" : " seconds");
        throw TrainerError("the fine-tuning API has not answered for " + waited + " (job " + job_id +
                           " may still be running there): " + error.what());
      }
      update.events.push_back(
          {0, 0, 0, "warning",
           std::string("Could not read the job; trying again: ") + error.what()});
      update.remote_status.clear();
      update.outcome = TrainerOutcome::running;
    }
    return update;
  }

  TrainerUpdate cancel(const TrainerRun& run, nlohmann::json& state) override {
    TrainerUpdate update;
    auto job_id = state.value("job_id", "");
    update.outcome = TrainerOutcome::cancelled;
    if (job_id.empty()) return update;
    // The stop flag is set by now; the cancel call must still go out.
    auto config = grading::provider_config_from_json(run.options.at("provider"));
    FineTuningClient client(config, providers::CallControl{});
    try {
      read_job(client.cancel_job(job_id), update);
      update.events.push_back({0, 0, 0, "info", "Cancelled fine-tuning job " + job_id});
    } catch (const FineTuningApiError& error) {
      update.events.push_back(
          {0, 0, 0, "error", std::string("Could not cancel the fine-tuning job: ") + error.what()});
    }
    update.outcome = TrainerOutcome::cancelled;
    return update;
  }

  int poll_interval_ms(const TrainerRun& run) const override {
    int configured = run.options.value("poll_interval_ms", 0);
    return configured > 0 ? configured : 5000;
  }
};

}  // namespace

nlohmann::json openai_job_body(const TrainerRun& run, const nlohmann::json& grader,
                               const std::string& training_file,
                               const std::string& validation_file) {
  auto hyperparameters = run.options.value("hyperparameters", nlohmann::json::object());
  nlohmann::json body{
      {"model", run.run.base_model},
      {"training_file", training_file},
      {"validation_file", validation_file},
      {"seed", run.options.value("seed", 42)},
      {"metadata",
       {{"reinforge_run_id", std::to_string(run.run.id)},
        {"reinforge_dataset_id", std::to_string(run.run.dataset_id)},
        {"reinforge_grader_version", run.run.grader_version}}},
      {"method",
       {{"type", "reinforcement"},
        {"reinforcement", {{"grader", grader}, {"hyperparameters", hyperparameters}}}}}};
  auto suffix = run.options.value("suffix", "");
  if (!suffix.empty()) body["suffix"] = suffix;
  return body;
}

std::unique_ptr<Trainer> make_openai_trainer() {
  return std::make_unique<OpenAiTrainer>();
}

}  // namespace reinforge::training
