#pragma once
// Step 7's benchmark (docs/deployment.md): the base and the tuned model sampled k times on the
// same held-out records (a run's validation split, else a stratified sample of the dataset's
// valid records) and graded with the dataset's grader; the paired figures and every sample side
// by side are kept with the benchmark. A job with progress and cancel, started by the API and
// by `reinforge benchmark`.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "jobs/job_runner.hpp"
#include "steps/job_models.hpp"
#include "store/deployment_store.hpp"
#include "store/store.hpp"
#include "store/training_store.hpp"

namespace reinforge::steps {

inline constexpr const char* kBenchmarkJob = "benchmark";

struct BenchmarkServices {
  const JobModels& models;
  store::DeploymentStore& deployments;
  store::TrainingStore& runs;
};

// A benchmark that cannot start: `status` 400 (the request), 404 (no such dataset or run) or
// 409 (the dataset's state: no grader, no valid records, no validation split).
struct BenchmarkRefused : std::runtime_error {
  BenchmarkRefused(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status(status), code(std::move(code)) {}
  int status;
  std::string code;
};

struct BenchmarkRequest {
  int64_t dataset_id = 0;
  std::optional<int64_t> run_id;
  std::string base_model;
  std::string tuned_model;
  std::string provider;  // the tuned model's; "" = the base model's
  // {"k", "samples", "concurrency", "sampling", "price": {"base", "tuned"}}, checked.
  nlohmann::json options = nlohmann::json::object();
};

// Throws BenchmarkRefused (400) naming the field.
BenchmarkRequest read_benchmark_request(const nlohmann::json& body);

// Checks the request against the store and the models, records the benchmark and queues its job.
store::Benchmark start_benchmark(store::Store& store, const BenchmarkServices& services,
                                 jobs::JobRunner& jobs, const BenchmarkRequest& request);

void register_benchmark_job(jobs::JobRunner& runner, const BenchmarkServices& services);

}  // namespace reinforge::steps
