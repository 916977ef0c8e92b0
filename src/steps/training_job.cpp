#include "steps/training_job.hpp"

#include <atomic>
#include <chrono>
#include <exception>
#include <nlohmann/json.hpp>
#include <thread>

#include "training/external_trainer.hpp"
#include "training/openai_trainer.hpp"
#include "training/run_progress.hpp"
#include "training/training_options.hpp"
#include "util/clock.hpp"
#include "util/secure_token.hpp"

namespace reinforge::steps {

namespace {

std::unique_ptr<training::Trainer> make_trainer(const std::string& backend) {
  if (backend == training::kOpenAiBackend) return training::make_openai_trainer();
  return training::make_external_trainer();
}

std::string outcome_state(training::TrainerOutcome outcome) {
  switch (outcome) {
    case training::TrainerOutcome::succeeded:
      return "succeeded";
    case training::TrainerOutcome::failed:
      return "failed";
    case training::TrainerOutcome::cancelled:
      return "cancelled";
    case training::TrainerOutcome::running:
      break;
  }
  return "running";
}

// One line for the job (the canvas shows it): "Step 40/100 · train reward 0.52".
std::string headline(const store::TrainingRun& run) {
  auto progress = nlohmann::json::parse(run.progress_json, nullptr, false);
  auto rewards = nlohmann::json::parse(run.rewards_json, nullptr, false);
  std::string text =
      run.remote_status.empty() ? "Training" : "Training (" + run.remote_status + ")";
  if (progress.is_object() && progress.contains("step")) {
    text = "Step " + std::to_string(std::llround(progress["step"].get<double>()));
    if (progress.contains("total_steps"))
      text += "/" + std::to_string(std::llround(progress["total_steps"].get<double>()));
  }
  if (rewards.is_object() && rewards.contains("train")) {
    char reward[48];
    std::snprintf(reward, sizeof reward, " · train reward %.2f",
                  rewards["train"]["last"].get<double>());
    text += reward;
  }
  return text;
}

class TrainingJob {
 public:
  TrainingJob(jobs::JobContext& context, TrainingJobServices& services)
      : context_(context), services_(services) {}

  std::string run() {
    auto params = nlohmann::json::parse(context_.job().params_json);
    run_id_ = params.at("run_id").get<int64_t>();
    auto run = services_.runs.find_run(run_id_);
    if (!run) throw std::runtime_error("training run " + std::to_string(run_id_) + " was deleted");
    run_ = *run;
    auto dataset = context_.store().find_dataset(run_.dataset_id);
    if (!dataset) throw std::runtime_error("the dataset was deleted");
    options_ = nlohmann::json::parse(run_.options_json);
    state_ = nlohmann::json::parse(run_.backend_state_json);
    trainer_ = make_trainer(run_.backend);
    objective_ = dataset->objective;
    Ending ending;
    try {
      // A run whose start did not finish (Reinforge stopped in between) starts again: each
      // backend skips the steps its saved state says are done.
      if (run_.state == "queued" || run_.state == "starting") {
        start();
      } else {
        note("info", "Re-attached to the run after a restart of Reinforge");
      }
      ending = follow();
    } catch (const jobs::JobCancelled&) {
      try {
        apply(trainer_->cancel(trainer_run(), state_));
      } catch (const std::exception& error) {
        note("error", std::string("Could not stop the backend: ") + error.what());
      }
      ending = {"cancelled", {}, {}, ""};
    } catch (const jobs::JobInterrupted&) {
      note("info",
           "Reinforge is shutting down; the run goes on and is followed again at the next start");
      throw;
    } catch (const std::exception& error) {
      ending = {"failed", {}, {}, error.what()};
    }
    return finish(ending);
  }

 private:
  struct Ending {
    std::string state;
    std::optional<std::string> model;
    std::optional<std::string> model_url;
    std::string error;
  };

  training::TrainerRun trainer_run() {
    auto for_each_split_record = [this](store::SplitPart part, const auto& visit) {
      auto split = services_.runs.split_of(run_id_);
      context_.store().for_each_record(run_.dataset_id, true, [&](const store::Record& record) {
        auto found = split.find(record.id);
        if (found != split.end() && found->second == part) {
          visit(record.id, record.topic.value_or(""), nlohmann::json::parse(record.text));
        }
        return true;
      });
    };
    return training::TrainerRun{
        run_,
        options_,
        objective_,
        services_.data_dir / "training" / ("run-" + std::to_string(run_id_)),
        services_.server_url,
        trainer_token_,
        for_each_split_record,
        &stop_,
        [this](const nlohmann::json& state) {
          modify([&](store::TrainingRun& run) { run.backend_state_json = state.dump(); });
        }};
  }

  void start() {
    modify([](store::TrainingRun& run) {
      run.state = "starting";
      run.started_at = util::now_unix_seconds();
    });
    if (run_.backend == training::kExternalBackend && !options_.value("command", "").empty() &&
        !state_.contains("pid")) {
      trainer_token_ = util::generate_secret("rft_");
      modify([&](store::TrainingRun& run) { run.token_sha256 = util::sha256_hex(trainer_token_); });
    }
    note("info", "Starting on the " + run_.backend + " backend: " + run_.base_model + ", " +
                     std::to_string(run_.train_count) + " training and " +
                     std::to_string(run_.valid_count) + " validation records");
    auto update = watching_for_stop([&] { return trainer_->start(trainer_run(), state_); });
    apply(update);
    modify([](store::TrainingRun& run) {
      if (run.state == "starting") run.state = "running";
    });
  }

  Ending follow() {
    int interval_ms = trainer_->poll_interval_ms(trainer_run());
    for (;;) {
      auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(interval_ms);
      do {
        context_.check_cancelled();
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min(interval_ms, 100)));
      } while (std::chrono::steady_clock::now() < until);
      auto update = watching_for_stop([&] { return trainer_->poll(trainer_run(), state_); });
      apply(update);
      // A result the trainer posted on the metrics endpoint ends the run, whatever its process
      // does.
      if (run_.trainer_result_json) {
        // The trainer may have logged its last points after that poll and before posting the
        // result: one more read, so none of them is lost.
        apply(watching_for_stop([&] { return trainer_->poll(trainer_run(), state_); }));
        auto result = nlohmann::json::parse(*run_.trainer_result_json);
        auto text = [&](const char* field) {
          return result.contains(field) && result[field].is_string()
                     ? std::optional(result[field].get<std::string>())
                     : std::nullopt;
        };
        return {result.value("status", "failed"), text("fine_tuned_model"), text("model_url"),
                text("error").value_or("the trainer reported a failure")};
      }
      if (update.outcome != training::TrainerOutcome::running) {
        return {outcome_state(update.outcome), update.fine_tuned_model, update.model_url,
                update.error};
      }
    }
  }

  // Runs a backend call while this thread's cancel and shutdown checks go on beside it: a call
  // waiting on a slow or hung API is aborted through the stop flag (its HTTP requests watch it),
  // so a cancel or a shutdown never waits out the API's timeouts. The check itself is then made
  // rethrown here once the call has returned.
  template <class Call>
  training::TrainerUpdate watching_for_stop(Call&& call) {
    std::atomic<bool> done{false};
    std::exception_ptr stopped;
    std::thread watcher([&] {
      while (!done) {
        try {
          context_.check_cancelled();
        } catch (...) {
          stopped = std::current_exception();
          stop_ = true;
          return;
        }
        for (int slice = 0; slice < 5 && !done; ++slice)
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
    struct Join {  // also when the call throws
      std::atomic<bool>& done;
      std::thread& watcher;
      ~Join() {
        done = true;
        if (watcher.joinable()) watcher.join();
      }
    } join{done, watcher};
    auto update = call();
    done = true;
    watcher.join();
    stop_ = false;
    if (stopped) std::rethrow_exception(stopped);  // the call was cut short on purpose
    return update;
  }

  void apply(const training::TrainerUpdate& update) {
    std::vector<store::TrainingEvent> events = update.events;
    int64_t now_ms = util::now_unix_millis();
    for (auto& event : events) {
      if (event.at_ms == 0) event.at_ms = now_ms;
    }
    services_.runs.append_events(run_id_, events);
    if (!update.metrics.empty() || update.eta_seconds) {
      if (auto updated =
              record_metric_points(services_.runs, run_id_, update.metrics, update.eta_seconds))
        run_ = *updated;
    }
    modify([&](store::TrainingRun& run) {
      if (!update.remote_status.empty()) run.remote_status = update.remote_status;
      run.backend_state_json = state_.dump();
    });
    auto progress = nlohmann::json::parse(run_.progress_json, nullptr, false);
    double percent = progress.is_object() ? progress.value("percent", 0.0) : 0.0;
    context_.progress(std::llround(percent * 1000), 1000, headline(run_));
  }

  // Records how the run ended; a failed or cancelled run fails or cancels its job too.
  std::string finish(const Ending& ending) {
    const auto& [state, model, model_url, error] = ending;
    modify([&](store::TrainingRun& run) {
      run.state = state;
      // The backend's last word may predate the end ("waiting for the trainer" when the result
      // came through the metrics endpoint); the reason of a failure stays in `error`.
      run.remote_status = state;
      run.finished_at = util::now_unix_seconds();
      if (model) run.fine_tuned_model = model;
      if (model_url) run.model_url = model_url;
      if (state == "failed") run.error = error.empty() ? "the run failed" : error;
      // An ended run has no time left: a failed or cancelled one kept the estimate it had.
      auto progress = nlohmann::json::parse(run.progress_json, nullptr, false);
      if (!progress.is_object()) progress = nlohmann::json::object();
      if (state == "succeeded") {
        progress["percent"] = 1.0;
        progress["eta_seconds"] = 0;
      } else {
        progress.erase("eta_seconds");
      }
      run.progress_json = progress.dump();
    });
    if (state == "succeeded") {
      note("info", "Training succeeded: " + run_.fine_tuned_model.value_or("(no model name)"));
    } else if (state == "failed") {
      note("error", "Training failed: " + run_.error.value_or(""));
      throw std::runtime_error(*run_.error);
    } else {
      note("info", "Training was cancelled");
      throw jobs::JobCancelled();
    }
    return nlohmann::json{
        {"run_id", run_id_},
        {"state", state},
        {"fine_tuned_model",
         run_.fine_tuned_model ? nlohmann::json(*run_.fine_tuned_model) : nlohmann::json(nullptr)}}
        .dump();
  }

  void note(const std::string& level, const std::string& message) {
    std::vector<store::TrainingEvent> events{{0, run_id_, util::now_unix_millis(), level, message}};
    services_.runs.append_events(run_id_, events);
  }

  void modify(const std::function<void(store::TrainingRun&)>& change) {
    if (auto updated = services_.runs.modify_run(run_id_, change)) run_ = *updated;
  }

  jobs::JobContext& context_;
  TrainingJobServices& services_;
  int64_t run_id_ = 0;
  store::TrainingRun run_;
  nlohmann::json options_;
  nlohmann::json state_;
  std::string objective_;
  std::string trainer_token_;
  std::unique_ptr<training::Trainer> trainer_;
  std::atomic<bool> stop_{false};
};

}  // namespace

std::optional<store::TrainingRun> record_metric_points(store::TrainingStore& runs, int64_t run_id,
                                                       const std::vector<nlohmann::json>& points,
                                                       std::optional<int64_t> eta_seconds) {
  std::vector<store::TrainingMetric> stored;
  int64_t now_ms = util::now_unix_millis();
  std::vector<training::MetricPoint> read;
  for (const auto& object : points) {
    auto point = training::read_metric_point(object);
    if (!point) continue;
    stored.push_back({0, run_id, now_ms, point->values.dump()});
    read.push_back(std::move(*point));
  }
  runs.append_metrics(run_id, stored);
  return runs.modify_run(run_id, [&](store::TrainingRun& run) {
    training::RunProgress progress{nlohmann::json::parse(run.progress_json, nullptr, false),
                                   nlohmann::json::parse(run.rewards_json, nullptr, false)};
    if (!progress.progress.is_object()) progress.progress = nlohmann::json::object();
    if (!progress.rewards.is_object()) progress.rewards = nlohmann::json::object();
    for (const auto& point : read) {
      training::apply_metric_point(progress, point, now_ms / 1000, run.started_at);
    }
    if (eta_seconds) progress.progress["eta_seconds"] = *eta_seconds;
    run.progress_json = progress.progress.dump();
    run.rewards_json = progress.rewards.dump();
  });
}

void register_training_job(jobs::JobRunner& runner, TrainingJobServices& services) {
  runner.register_kind(
      kTrainingJob,
      [&services](jobs::JobContext& context) { return TrainingJob(context, services).run(); },
      // Its work folder (and an external trainer's process) are on this instance.
      {.resumable = true, .own_thread = true, .runs_where_submitted = true});
}

store::Job submit_training_job(jobs::JobRunner& runner, int64_t dataset_id, int64_t run_id) {
  return runner.submit(kTrainingJob, dataset_id, nlohmann::json{{"run_id", run_id}}.dump(),
                       "Training run " + std::to_string(run_id));
}

}  // namespace reinforge::steps
