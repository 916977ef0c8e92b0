#include "training/external_trainer.hpp"

#include "training/trainer_process.hpp"
#include "training/trainer_report.hpp"

namespace reinforge::training {

namespace {

constexpr std::size_t kMaxLinesPerPoll = 5000;
constexpr std::size_t kMaxLineBytes = 4000;
constexpr int kStopGraceMs = 10'000;  // SIGTERM, then SIGKILL (docs/training.md)

TrainerProcess process_of(const nlohmann::json& state) {
  return {state.value("pid", 0), state.value("start_ticks", uint64_t{0})};
}

std::filesystem::path log_file(const TrainerRun& run) {
  return run.run_dir / "trainer.log";
}
std::filesystem::path exit_file(const TrainerRun& run) {
  return run.run_dir / "exit_status";
}

// A log line: an event, and when it is a JSON object, a report as the metrics endpoint takes it.
void read_line(std::string line, TrainerUpdate& update) {
  if (!line.empty() && line.front() == '{') {
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    if (parsed.is_object()) {
      try {
        auto report = read_trainer_report(parsed);
        for (auto& metric : report.metrics) update.metrics.push_back(std::move(metric));
        for (auto& event : report.events) update.events.push_back(std::move(event));
        if (report.result) {
          const auto& result = *report.result;
          update.outcome =
              result["status"] == "succeeded" ? TrainerOutcome::succeeded : TrainerOutcome::failed;
          if (result.contains("fine_tuned_model") && result["fine_tuned_model"].is_string())
            update.fine_tuned_model = result["fine_tuned_model"].get<std::string>();
          if (result.contains("model_url") && result["model_url"].is_string())
            update.model_url = result["model_url"].get<std::string>();
          if (result.contains("error") && result["error"].is_string())
            update.error = result["error"].get<std::string>();
        }
        if (!report.metrics.empty() || report.result) return;  // not repeated in the log
      } catch (const TrainerReportError& error) {
        update.events.push_back(
            {0, 0, 0, "warning", std::string("A JSON line was not a report: ") + error.what()});
      }
    }
  }
  if (line.size() > kMaxLineBytes) line = line.substr(0, kMaxLineBytes) + " …";
  update.events.push_back({0, 0, 0, "info", std::move(line)});
}

class ExternalTrainer final : public Trainer {
 public:
  TrainerUpdate start(const TrainerRun& run, nlohmann::json& state) override {
    TrainerUpdate update;
    auto command = run.options.value("command", "");
    if (command.empty()) {
      state["waiting"] = true;
      update.remote_status = kWaitingForTrainer;
      update.events.push_back(
          {0, 0, 0, "info",
           "Waiting for an external trainer: it fetches " +
               trainer_endpoints(run.server_url, run.run.id)["train"].get<std::string>() +
               ", scores on the reward endpoint and reports on the metrics endpoint "
               "(docs/training.md)."});
      return update;
    }
    if (state.contains("pid")) return update;  // launched before a restart: follow it
    LaunchSpec spec{command, run.run_dir, log_file(run), exit_file(run), trainer_environment(run)};
    TrainerProcess process;
    try {
      process = launch_trainer_process(spec);
    } catch (const std::exception& error) {
      throw TrainerError(error.what());
    }
    state["pid"] = process.pid;
    state["start_ticks"] = process.start_ticks;
    state["log_offset"] = 0;
    run.checkpoint(state);
    update.remote_status = "running";
    update.events.push_back({0, 0, 0, "info",
                             "Launched the trainer command (process " +
                                 std::to_string(process.pid) + ") in " + run.run_dir.string()});
    return update;
  }

  TrainerUpdate poll(const TrainerRun& run, nlohmann::json& state) override {
    TrainerUpdate update;
    if (!state.contains("pid")) return update;  // waiting for a trainer to report
    auto process = process_of(state);
    // Checked before reading the log, so the lines written just before an exit are read too.
    auto check = check_trainer_process(process, exit_file(run));
    int64_t offset = state.value("log_offset", int64_t{0});
    for (auto& line : read_new_lines(log_file(run), offset, kMaxLinesPerPoll))
      read_line(std::move(line), update);
    state["log_offset"] = offset;
    if (check.life == ProcessLife::running || update.outcome != TrainerOutcome::running)
      return update;
    if (offset < static_cast<int64_t>(std::filesystem::exists(log_file(run))
                                          ? std::filesystem::file_size(log_file(run))
                                          : 0)) {
      return update;  // more log to read first
    }
    update.remote_status = check.how;
    update.outcome = TrainerOutcome::failed;
    update.error = "the trainer command ended (" + check.how + ") without reporting a result";
    return update;
  }

  TrainerUpdate cancel(const TrainerRun& run, nlohmann::json& state) override {
    TrainerUpdate update;
    update.outcome = TrainerOutcome::cancelled;
    if (!state.contains("pid")) return update;
    stop_trainer_process(process_of(state), kStopGraceMs);
    int64_t offset = state.value("log_offset", int64_t{0});
    for (auto& line : read_new_lines(log_file(run), offset, kMaxLinesPerPoll))
      read_line(std::move(line), update);
    state["log_offset"] = offset;
    update.outcome = TrainerOutcome::cancelled;
    update.remote_status = "stopped";
    update.events.push_back({0, 0, 0, "info", "Stopped the trainer command"});
    return update;
  }

  int poll_interval_ms(const TrainerRun& run) const override {
    int configured = run.options.value("poll_interval_ms", 0);
    return configured > 0 ? configured : 500;
  }
};

}  // namespace

nlohmann::json trainer_endpoints(const std::string& server_url, int64_t run_id) {
  std::string base = server_url + "/trainer/runs/" + std::to_string(run_id);
  return {{"run", base},
          {"train", base + "/split/train.jsonl"},
          {"valid", base + "/split/valid.jsonl"},
          {"rewards", base + "/rewards"},
          {"metrics", base + "/metrics"}};
}

std::vector<std::pair<std::string, std::string>> trainer_environment(const TrainerRun& run) {
  auto endpoints = trainer_endpoints(run.server_url, run.run.id);
  return {{"REINFORGE_URL", run.server_url},
          {"REINFORGE_RUN_ID", std::to_string(run.run.id)},
          {"REINFORGE_RUN_TOKEN", run.trainer_token},
          {"REINFORGE_TRAIN_URL", endpoints["train"]},
          {"REINFORGE_VALID_URL", endpoints["valid"]},
          {"REINFORGE_REWARD_URL", endpoints["rewards"]},
          {"REINFORGE_METRICS_URL", endpoints["metrics"]},
          {"REINFORGE_BASE_MODEL", run.run.base_model},
          {"REINFORGE_HYPERPARAMETERS",
           run.options.value("hyperparameters", nlohmann::json::object()).dump()},
          {"REINFORGE_GATEWAY_URL", run.server_url + "/v1"}};
}

std::unique_ptr<Trainer> make_external_trainer() {
  return std::make_unique<ExternalTrainer>();
}

}  // namespace reinforge::training
