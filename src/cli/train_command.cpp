// `reinforge train`: step 6 from a CI pipeline (docs/training.md). Starts a run on a dataset of
// the data directory and follows it in the foreground, one line per metric point, then a last
// line with the outcome. An external run is served its trainer endpoints by this process.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "access/cli_audit.hpp"
#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/job_in_process.hpp"
#include "cli/shutdown_signals.hpp"
#include "cli/stored_dataset.hpp"
#include "gateway/gateway_config.hpp"
#include "grading/grader_config.hpp"
#include "http/server.hpp"
#include "steps/training_job.hpp"
#include "steps/training_start.hpp"
#include "store/trace_store.hpp"
#include "training/run_progress.hpp"

namespace reinforge::cli {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw UsageError("cannot read " + path);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

nlohmann::json grader_from_file(const std::string& path) {
  if (std::filesystem::path(path).extension() == ".js") {
    return {{"type", "script"},
            {"source", read_file(path)},
            {"file_name", std::filesystem::path(path).filename().string()}};
  }
  auto config = nlohmann::json::parse(read_file(path), nullptr, false);
  if (!config.is_object()) throw UsageError(path + " is not a grader config (a JSON object)");
  try {
    grading::make_grader(config);
  } catch (const std::exception& error) {
    throw UsageError(path + ": the grader is not valid: " + error.what());
  }
  return config;
}

// The provider serving `model` in a gateway config file: its mapping's, else the default one.
nlohmann::json provider_from_config(const std::string& path, const std::string& model) {
  gateway::GatewayConfig config;
  try {
    config =
        gateway::load_gateway_config(std::filesystem::path(path), gateway::process_environment());
  } catch (const std::exception& error) {
    throw UsageError(path + ": " + error.what());
  }
  const auto* mapping = config.find_model(model);
  const auto* provider =
      config.find_provider(mapping ? mapping->provider : config.default_provider);
  if (!provider)
    throw UsageError(path + " has no provider for " + model + " and no default provider");
  return {{"name", provider->name},
          {"base_url", provider->base_url},
          {"api_key_env", provider->api_key_env}};
}

nlohmann::json start_body(const Arguments& arguments) {
  nlohmann::json body{{"backend", arguments.option_or("backend", "")},
                      {"base_model", arguments.option_or("base-model", "")},
                      {"override_gate", arguments.flag("force")},
                      {"confirm_caution", arguments.flag("force")}};
  if (auto share = arguments.option("valid-share")) {
    try {
      body["valid_share"] = std::stod(*share);
    } catch (const std::exception&) {
      throw UsageError("--valid-share must be a number such as 0.1");
    }
  }
  if (auto seed = arguments.integer_option("seed")) body["seed"] = *seed;
  if (auto hyperparameters = arguments.option("hyperparameters")) {
    body["hyperparameters"] = nlohmann::json::parse(*hyperparameters, nullptr, false);
    if (!body["hyperparameters"].is_object())
      throw UsageError("--hyperparameters must be a JSON object");
  }
  if (auto command = arguments.option("command")) body["command"] = *command;
  if (auto poll = arguments.integer_option("poll-ms")) body["poll_interval_ms"] = *poll;
  if (auto config = arguments.option("config")) {
    if (body["backend"] != "openai")
      throw UsageError("--config names the openai backend's provider");
    body["provider"] = provider_from_config(*config, body["base_model"]);
  }
  return body;
}

}  // namespace

int run_train_command(const std::vector<std::string>& args) {
  Arguments arguments(args, {"force"});
  arguments.reject_unknown({"data-dir", "store", "dataset", "backend", "base-model", "grader", "force",
                            "format", "config", "command", "valid-share", "seed", "hyperparameters",
                            "host", "port", "poll-ms"});
  auto format = text_or_json_format(arguments);
  if (!arguments.option("dataset")) throw UsageError("--dataset NAME is required");
  training::TrainingOptions options;
  try {
    options = training::read_training_options(start_body(arguments));
  } catch (const training::TrainingOptionsError& error) {
    throw UsageError(error.what());
  }
  if (auto grader = arguments.option("grader")) options.grader = grader_from_file(*grader);

  // Before the store starts its threads: a thread started earlier would take Ctrl-C with the
  // default action, killing the command and leaving its run 'running'.
  sigset_t signals = block_shutdown_signals();
  auto opened = open_named_dataset(arguments);
  auto& store = opened.store;
  const auto& location = opened.location;
  const auto* dataset = &opened.dataset;

  auto runs = store::open_training_store(location);
  jobs::JobRunner job_runner(*store, command_job_runner());
  steps::TrainingJobServices training{*runs, location.data_dir, ""};
  steps::register_training_job(job_runner, training);
  steps::JobModels models(gateway::GatewayConfig{});
  api::AppContext context{
      *store,   job_runner, location.data_dir, models, store::open_trace_store(location),
      training, "",         nullptr};
  // The trainer endpoints, for an external trainer: this process serves them while the run lasts.
  http::Router router;
  api::register_trainer_routes(router, context);
  http::ServerOptions server_options;
  server_options.host = arguments.option_or("host", "127.0.0.1");
  server_options.port = static_cast<uint16_t>(arguments.integer_option("port").value_or(0));
  http::Server server(server_options, std::move(router));
  server.listen();
  training.server_url = "http://" + server_options.host + ":" + std::to_string(server.port());
  std::thread serving([&server] { server.run(); });
  job_runner.start();

  auto stop_serving = [&] {
    job_runner.stop();
    server.stop();
    serving.join();
  };
  steps::StartedTraining started;
  try {
    started = steps::start_training(*store, *runs, job_runner, *dataset, options);
  } catch (const steps::TrainingStartRefused& refused) {
    stop_serving();
    std::cerr << "reinforge train: " << refused.what() << "\n";
    // The dataset is not ready (no grader, no valid record, the gate): 1; the options: 2.
    return refused.is_conflict ? 1 : 2;
  }
  auto run_id = started.run.id;
  access::audit_cli_change(*store::open_access_store(location), "training.start", "train",
                           "{\"id\":\"" + std::to_string(dataset->id) + "\",\"created\":" +
                               std::to_string(run_id) + "}");
  auto run_view = api::training_run_json(started.run, training.server_url);
  std::cerr << "Training run " << run_id << " on " << options.backend << " (" << options.base_model
            << "): " << started.run.train_count << " training, " << started.run.valid_count
            << " validation records\n";
  if (options.backend == training::kExternalBackend) {
    std::cerr << "Trainer endpoints: " << run_view["endpoints"].dump() << "\n";
    if (started.token) std::cerr << "Trainer token: " << *started.token << "\n";
  }

  std::atomic<bool> interrupted{false};
  std::thread signal_waiter([&] {
    int received = 0;
    sigwait(&signals, &received);
    if (received == SIGINT || received == SIGTERM) interrupted = true;
  });

  int64_t metric_after = 0, event_after = 0;
  bool cancel_sent = false;
  store::TrainingRun run = started.run;
  for (;;) {
    for (const auto& event : runs->list_events(run_id, event_after, 1000)) {
      event_after = event.seq;
      std::cerr << "[" << event.level << "] " << event.message << "\n";
    }
    for (const auto& metric : runs->list_metrics(run_id, metric_after, 1000)) {
      metric_after = metric.seq;
      auto point = training::read_metric_point(nlohmann::json::parse(metric.values_json));
      if (!point) continue;
      if (format == "json") {
        auto line = training::metric_point_json(*point);
        line.erase("values");
        for (const auto& [name, value] : point->values.items()) {
          if (!line.contains(name)) line[name] = value;
        }
        std::cout << line.dump() << "\n" << std::flush;
      } else {
        std::cout << "step " << point->step.value_or(0) << "  train reward "
                  << (point->train_reward_mean ? std::to_string(*point->train_reward_mean) : "-")
                  << "  valid reward "
                  << (point->valid_reward_mean ? std::to_string(*point->valid_reward_mean) : "-")
                  << "\n"
                  << std::flush;
      }
    }
    run = runs->find_run(run_id).value_or(run);
    if (store::is_finished_run_state(run.state)) break;
    if (interrupted && !cancel_sent && run.job_id) {
      std::cerr << "Cancelling the run…\n";
      job_runner.cancel(*run.job_id);
      cancel_sent = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  stop_serving();

  nlohmann::json last{
      {"run_id", run_id},
      {"status", run.state},
      {"fine_tuned_model",
       run.fine_tuned_model ? nlohmann::json(*run.fine_tuned_model) : nlohmann::json(nullptr)},
      {"model_url", run.model_url ? nlohmann::json(*run.model_url) : nlohmann::json(nullptr)},
      {"error", run.error ? nlohmann::json(*run.error) : nlohmann::json(nullptr)}};
  if (format == "json") {
    std::cout << last.dump() << "\n";
  } else {
    std::cout << "Run " << run_id << " " << run.state
              << (run.fine_tuned_model ? ": " + *run.fine_tuned_model : std::string())
              << (run.error ? ": " + *run.error : std::string()) << "\n";
  }
  return run.state == "succeeded" ? 0 : 1;
}

}  // namespace reinforge::cli
