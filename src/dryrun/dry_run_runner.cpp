#include "dryrun/dry_run_runner.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "dryrun/stratified_sample.hpp"
#include "grading/sample_generation.hpp"

namespace reinforge::dryrun {

namespace {

using Clock = std::chrono::steady_clock;

struct Task {
  size_t record;
  size_t prompt_index;
  size_t sample_index;
};

DryRunSample run_one(const DryRunRecord& entry, const Task& task, const grading::Grader& grader,
                     const providers::LlmProvider* provider, const DryRunOptions& options,
                     const std::atomic<bool>* cancelled) {
  auto started = Clock::now();
  DryRunSample sample;
  sample.record_id = entry.id;
  sample.topic = entry.topic;
  sample.prompt_index = task.prompt_index;
  sample.sample_index = task.sample_index;
  sample.prompt = grading::split_record(entry.record).prompt_messages;
  grading::Sample output;
  if (options.mode == DryRunMode::base_model) {
    auto generated = grading::generate_sample(*provider, options.model, entry.record,
                                              options.sampling, providers::CallControl{cancelled});
    sample.sampling_latency_ms =
        std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    sample.prompt_tokens = generated.usage.prompt_tokens;
    sample.completion_tokens = generated.usage.completion_tokens;
    if (generated.ok) {
      output = std::move(generated.sample);
    } else {
      sample.sampling_error = generated.error;
    }
  } else {
    auto reference = grading::split_record(entry.record).reference_answer;
    if (reference) {
      output = std::move(*reference);
    } else {
      sample.sampling_error = "the record has no reference answer";
    }
  }
  if (sample.sampling_error.empty()) {
    sample.output_text = output.output_text;
    sample.tool_calls = grading::tool_calls_to_json(output.tool_calls);
    auto result =
        grader.grade(grading::make_grade_input(entry.record, std::move(output), options.objective),
                     grading::GradeControl{cancelled});
    sample.score = result.score;
    sample.reason = std::move(result.reason);
    sample.grader_error = std::move(result.error);
    sample.logs = std::move(result.logs);
    sample.judge_tokens = result.judge_prompt_tokens + result.judge_completion_tokens;
    if (!sample.grader_error.empty()) sample.score.reset();
  }
  sample.latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  return sample;
}

}  // namespace

DryRunReport run_dry_run(const std::vector<DryRunRecord>& valid_records,
                         const grading::Grader& grader, const providers::LlmProvider* provider,
                         const DryRunOptions& options, const SampleCallback& on_sample,
                         const std::atomic<bool>* cancelled, const StopRequest& stop_requested) {
  if (options.mode == DryRunMode::base_model && (!provider || options.model.empty())) {
    throw std::invalid_argument(
        "a dry run on the base model needs a provider and a model; use reference mode to grade the "
        "reference answers");
  }
  auto started = Clock::now();
  DryRunReport report;
  report.grader_version = options.grader_version;
  report.mode = options.mode;

  std::vector<std::string> topics;
  topics.reserve(valid_records.size());
  for (const auto& record : valid_records) topics.push_back(record.topic);
  size_t count = options.sample_size == 0 ? valid_records.size() : options.sample_size;
  auto chosen = stratified_sample(topics, count, options.seed);
  size_t per_prompt =
      options.mode == DryRunMode::reference ? 1 : std::max<size_t>(1, options.samples_per_prompt);
  std::vector<Task> tasks;
  for (size_t prompt = 0; prompt < chosen.size(); ++prompt) {
    for (size_t k = 0; k < per_prompt; ++k) tasks.push_back({chosen[prompt], prompt, k});
  }

  std::vector<DryRunSample> results(tasks.size());
  std::vector<char> finished(tasks.size(), 0);
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};  // the workers' and their calls' cancel flag
  std::mutex report_mutex;
  std::condition_variable worker_left;
  size_t done = 0;
  size_t workers = std::min(std::max<size_t>(1, options.concurrency), tasks.size());
  size_t working = workers;
  auto work = [&] {
    for (;;) {
      if (stop) break;
      size_t at = next++;
      if (at >= tasks.size()) break;
      auto sample =
          run_one(valid_records[tasks[at].record], tasks[at], grader, provider, options, &stop);
      if (stop) break;  // a cancelled call's error is not a result
      std::lock_guard lock(report_mutex);
      results[at] = std::move(sample);
      finished[at] = 1;
      ++done;
      if (on_sample) on_sample(results[at], done, tasks.size());
    }
    std::lock_guard lock(report_mutex);
    --working;
    worker_left.notify_one();
  };
  // Workers mostly wait on the network; grading itself is bounded by the grader (a script
  // grader keeps one sandbox per core). This thread watches for a cancel meanwhile.
  std::vector<std::thread> threads;
  for (size_t i = 0; i < workers; ++i) threads.emplace_back(work);
  {
    std::unique_lock lock(report_mutex);
    while (working > 0) {
      worker_left.wait_for(lock, std::chrono::milliseconds(200));
      if (stop || working == 0) continue;
      bool wants_stop = cancelled && cancelled->load();
      if (!wants_stop && stop_requested) {
        lock.unlock();
        try {
          wants_stop = stop_requested();
        } catch (...) {
          wants_stop = true;  // the workers must be joined whatever the callback does
        }
        lock.lock();
      }
      if (wants_stop) stop = true;
    }
  }
  for (auto& thread : threads) thread.join();

  for (size_t i = 0; i < tasks.size(); ++i) {
    if (finished[i]) report.samples.push_back(std::move(results[i]));
  }
  report.cancelled = stop && report.samples.size() < tasks.size();
  report.statistics = compute_statistics(report.samples);
  report.verdict = dry_run_verdict(report.statistics);
  report.diagnoses = diagnose(report.samples, report.statistics, report.verdict);
  report.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  return report;
}

}  // namespace reinforge::dryrun
