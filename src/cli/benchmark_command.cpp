// `reinforge benchmark`: step 7's benchmark from a CI pipeline (docs/deployment.md). Runs the
// benchmark job in this process on a dataset of the data directory, shows its progress on
// stderr, and prints the headline and figures (or the report as JSON).
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/job_in_process.hpp"
#include "cli/server_config.hpp"
#include "cli/shutdown_signals.hpp"
#include "cli/stored_dataset.hpp"
#include "steps/benchmark_job.hpp"
#include "store/deployment_store.hpp"
#include "store/training_store.hpp"

namespace reinforge::cli {

namespace {

constexpr int kNotBetter = 3;

std::string interval_text(const nlohmann::json& interval) {
  char text[64];
  std::snprintf(text, sizeof text, "[%.3f, %.3f]", interval[0].get<double>(),
                interval[1].get<double>());
  return text;
}

void print_report(const nlohmann::json& report) {
  std::cout << report["headline"].get<std::string>() << "\n";
  for (const char* arm : {"base", "tuned"}) {
    const auto& side = report[arm];
    std::cout << arm << "\t" << side["model"].get<std::string>() << "\tmean "
              << side["mean"].get<double>() << " " << interval_text(side["ci"]) << "\tscored "
              << side["scored"] << "\tp50 " << side["latency_ms"]["p50"].get<double>() << " ms\n";
  }
  const auto& difference = report["difference"];
  std::cout << "difference\t" << difference["mean"].get<double>() << " "
            << interval_text(difference["ci"]) << "\t"
            << (difference["conclusive"].get<bool>() ? "conclusive" : "not conclusive") << "\n";
  const auto& outcomes = report["outcomes"];
  std::cout << "records\t" << report["records"] << "\twin " << outcomes["win"] << " tie "
            << outcomes["tie"] << " loss " << outcomes["loss"] << "\n";
}

}  // namespace

int run_benchmark_command(const std::vector<std::string>& args) {
  Arguments arguments(args, {"require-better"});
  arguments.reject_unknown({"data-dir", "store", "dataset", "base", "tuned", "provider", "run", "k",
                            "samples", "concurrency", "config", "format", "require-better"});
  auto format = text_or_json_format(arguments);
  // Before the store starts its threads, or Ctrl-C would kill instead of cancelling.
  sigset_t signals = block_shutdown_signals();
  auto opened = open_named_dataset(arguments);
  auto& store = opened.store;
  const auto& location = opened.location;
  const auto* dataset = &opened.dataset;

  nlohmann::json body{{"dataset_id", dataset->id},
                      {"base_model", arguments.option_or("base", "")},
                      {"tuned_model", arguments.option_or("tuned", "")},
                      {"provider", arguments.option_or("provider", "")}};
  if (auto run = arguments.integer_option("run")) body["run_id"] = *run;
  for (const char* option : {"k", "samples", "concurrency"}) {
    if (auto value = arguments.integer_option(option)) body[option] = *value;
  }

  steps::JobModels models(gateway_config_option(arguments));
  auto deployments = store::open_deployment_store(location);
  auto runs = store::open_training_store(location);
  steps::BenchmarkServices services{models, *deployments, *runs};
  jobs::JobRunner job_runner(*store, command_job_runner());
  steps::register_benchmark_job(job_runner, services);
  store::Benchmark benchmark;
  try {
    benchmark =
        steps::start_benchmark(*store, services, job_runner, steps::read_benchmark_request(body));
  } catch (const steps::BenchmarkRefused& refused) {
    if (refused.status == 400) throw UsageError(refused.what());
    std::cerr << "reinforge benchmark: " << refused.what() << "\n";
    return 1;
  }
  // Ctrl-C cancels the job: the calls in flight are aborted and nothing is kept.
  auto job = follow_job(*store, job_runner, benchmark.job_id, signals, format == "text");
  if (job.state != store::JobState::succeeded) {
    std::cerr << "reinforge benchmark: the benchmark " << store::to_string(job.state)
              << (job.error ? ": " + *job.error : std::string()) << "\n";
    return 1;
  }
  auto report = nlohmann::json::parse(deployments->find_benchmark(benchmark.id)->report_json);
  if (format == "json") {
    std::cout << nlohmann::json{{"benchmark_id", benchmark.id}, {"report", report}}.dump() << "\n";
  } else {
    print_report(report);
  }
  bool better = report["difference"]["conclusive"].get<bool>() &&
                report["difference"]["mean"].get<double>() > 0;
  return arguments.flag("require-better") && !better ? kNotBetter : 0;
}

}  // namespace reinforge::cli
