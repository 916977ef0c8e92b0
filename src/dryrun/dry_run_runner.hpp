#pragma once
// Runs a dry run: samples the base model on a stratified sample of valid records (or takes their
// reference answers), grades every output, and reports statistics, verdict and diagnoses. Calls
// `on_sample` as each sample finishes (for a job's progress), and stops early when `cancelled`.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dryrun/dry_run_diagnoses.hpp"
#include "dryrun/dry_run_sample.hpp"
#include "dryrun/dry_run_statistics.hpp"
#include "dryrun/dry_run_verdict.hpp"
#include "grading/grader.hpp"
#include "providers/llm_provider.hpp"

namespace reinforge::dryrun {

enum class DryRunMode { base_model, reference };

struct DryRunRecord {
  std::string id;
  std::string topic;
  nlohmann::json record;
};

struct DryRunOptions {
  DryRunMode mode = DryRunMode::base_model;
  size_t sample_size = 300;                            // prompts; 0 = all valid records
  size_t samples_per_prompt = 1;                       // k; reference mode always uses 1
  size_t concurrency = 32;                             // prompts in flight at once
  std::string model;                                   // the base model, for base_model mode
  nlohmann::json sampling = nlohmann::json::object();  // temperature, max_tokens, ...
  uint64_t seed = 0;
  std::string objective;
  std::string grader_version;  // recorded in the report
};

struct DryRunReport {
  std::string grader_version;
  DryRunMode mode = DryRunMode::base_model;
  std::vector<DryRunSample> samples;  // finished samples, in prompt order
  DryRunStatistics statistics;
  VerdictBreakdown verdict{};
  std::vector<Diagnosis> diagnoses;
  bool cancelled = false;
  double wall_ms = 0;
};

// `done` counts finished samples out of `total`; called from worker threads, one at a time.
using SampleCallback = std::function<void(const DryRunSample& sample, size_t done, size_t total)>;

// Asked every 200 ms on the calling thread while samples run; true stops the run as a cancel does.
using StopRequest = std::function<bool()>;

// Throws std::invalid_argument when base_model mode has no provider or model. A cancel (the flag,
// or `stop_requested`) also aborts the model and judge calls in flight, so it takes effect at
// once even when every call is waiting on a slow provider.
DryRunReport run_dry_run(const std::vector<DryRunRecord>& valid_records,
                         const grading::Grader& grader, const providers::LlmProvider* provider,
                         const DryRunOptions& options, const SampleCallback& on_sample = {},
                         const std::atomic<bool>* cancelled = nullptr,
                         const StopRequest& stop_requested = {});

}  // namespace reinforge::dryrun
