#include "steps/dry_run_job.hpp"

#include <algorithm>
#include <atomic>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "dryrun/dry_run_runner.hpp"
#include "grading/grader_config.hpp"
#include "providers/openai_compatible_provider.hpp"
#include "records/record_builder.hpp"
#include "steps/job_stop_check.hpp"
#include "util/clock.hpp"

namespace reinforge::steps {

namespace {

// `preview` (the record's first user message, shortened) lets the UI list samples without
// their prompts; `prompt` (the messages sent) is kept for the sample's detail.
nlohmann::json sample_json(const dryrun::DryRunSample& sample, std::size_t index,
                           const std::string& preview) {
  return {{"index", index},
          {"record_id", sample.record_id},
          {"topic", sample.topic},
          {"prompt_index", sample.prompt_index},
          {"sample_index", sample.sample_index},
          {"preview", preview},
          {"prompt", sample.prompt},
          {"output_text", sample.output_text},
          {"tool_calls", sample.tool_calls},
          {"score", sample.score ? nlohmann::json(*sample.score) : nlohmann::json(nullptr)},
          {"reason", sample.reason},
          {"error", sample.sampling_error.empty() ? sample.grader_error : sample.sampling_error},
          {"error_kind", !sample.sampling_error.empty() ? "sampling"
                         : !sample.grader_error.empty() ? "grader"
                                                        : ""},
          {"logs", sample.logs},
          {"latency_ms", sample.latency_ms},
          {"tokens", sample.prompt_tokens + sample.completion_tokens}};
}

nlohmann::json report_json(const dryrun::DryRunReport& report,
                           const std::unordered_map<std::string, std::string>& previews,
                           const std::optional<dryrun::TokenPrice>& price) {
  const auto& stats = report.statistics;
  nlohmann::json topic_means = nlohmann::json::object();
  for (const auto& [topic, mean] : stats.topic_means)
    topic_means[topic] = {{"mean", mean.mean}, {"count", mean.count}};
  nlohmann::json diagnoses = nlohmann::json::array();
  for (const auto& diagnosis : report.diagnoses) {
    diagnoses.push_back({{"code", dryrun::to_string(diagnosis.code)},
                         {"message", diagnosis.message},
                         {"examples", diagnosis.example_samples}});
  }
  nlohmann::json samples = nlohmann::json::array();
  for (const auto& sample : report.samples) {
    auto preview = previews.find(sample.record_id);
    samples.push_back(
        sample_json(sample, samples.size(), preview == previews.end() ? "" : preview->second));
  }
  return {
      {"grader_version", report.grader_version},
      {"mode", report.mode == dryrun::DryRunMode::reference ? "reference" : "base_model"},
      {"verdict", dryrun::to_string(report.verdict.overall)},
      {"verdicts",
       {{"mean", dryrun::to_string(report.verdict.mean)},
        {"share_above_zero", dryrun::to_string(report.verdict.share_above_zero)},
        {"std_dev", dryrun::to_string(report.verdict.std_dev)}}},
      {"statistics",
       {{"samples", stats.samples},
        {"scored", stats.scored},
        {"mean", stats.mean},
        {"std_dev", stats.std_dev},
        {"share_above_zero", stats.share_above_zero},
        {"histogram", stats.histogram},
        {"grader_errors", stats.grader_errors},
        {"sampling_errors", stats.sampling_errors},
        {"grader_error_rate", stats.grader_error_rate},
        {"prompt_tokens", stats.prompt_tokens},
        {"completion_tokens", stats.completion_tokens},
        {"judge_tokens", stats.judge_tokens},
        {"cost_usd", price ? nlohmann::json(dryrun::sampling_cost_usd(stats, *price)) : nlohmann::json(nullptr)},
        {"price",
         price ? nlohmann::json{{"input_per_million", price->input_per_million},
                                {"output_per_million", price->output_per_million}}
               : nlohmann::json(nullptr)},
        {"disagreement_share", stats.disagreement_share ? nlohmann::json(*stats.disagreement_share)
                                                        : nlohmann::json(nullptr)},
        {"slowest", stats.slowest},
        {"failed", stats.failed}}},
      {"topic_means", topic_means},
      {"diagnoses", diagnoses},
      {"wall_ms", report.wall_ms},
      {"samples", samples}};
}

std::string run(jobs::JobContext& context) {
  int64_t dataset_id = context.job().dataset_id.value_or(0);
  auto dataset = context.store().find_dataset(dataset_id);
  if (!dataset) throw std::runtime_error("the dataset was deleted");
  auto grader_row = context.store().current_grader(dataset_id);
  if (!grader_row) throw std::runtime_error("define a grader first (step 4)");
  auto params = nlohmann::json::parse(context.job().params_json);
  auto grader = grading::make_grader(nlohmann::json::parse(grader_row->config_json));

  dryrun::DryRunOptions options;
  options.mode = params.value("mode", "reference") == "base_model" ? dryrun::DryRunMode::base_model
                                                                   : dryrun::DryRunMode::reference;
  options.sample_size = params.value("samples", std::size_t{300});
  options.samples_per_prompt = params.value("k", std::size_t{1});
  options.concurrency = params.value("concurrency", std::size_t{32});
  options.model = params.value("model", "");
  if (params.contains("sampling")) options.sampling = params["sampling"];
  options.objective = dataset->objective;
  options.grader_version = grader_row->version;
  std::optional<dryrun::TokenPrice> price;
  if (params.contains("price") && params["price"].is_object()) {
    price = dryrun::TokenPrice{params["price"].value("input_per_million", 0.0),
                               params["price"].value("output_per_million", 0.0)};
  }
  std::unique_ptr<providers::OpenAiCompatibleProvider> provider;
  if (options.mode == dryrun::DryRunMode::base_model) {
    if (!params.contains("provider"))
      throw std::runtime_error("sampling the base model needs a provider");
    provider = std::make_unique<providers::OpenAiCompatibleProvider>(
        grading::provider_config_from_json(params["provider"]));
  }

  context.progress(0, 1, "Reading records");
  std::vector<dryrun::DryRunRecord> records;
  std::unordered_map<std::string, std::string> previews;
  context.store().for_each_record_for_topics(dataset_id, false, [&](const auto& page) {
    for (const auto& record : page) {
      records.push_back({std::to_string(record.id), record.topic.value_or(""),
                         nlohmann::json::parse(record.text)});
      previews[records.back().id] = records::record_preview(record.text);
    }
    return true;
  });
  if (records.empty()) throw std::runtime_error("the dataset has no valid records");

  // Progress comes from the runner's workers, one at a time; the cancel check runs on this
  // thread, which the runner asks every 200 ms, so a cancel or a shutdown does not wait for the
  // next sample to finish (calls in flight are aborted).
  auto on_sample = [&](const dryrun::DryRunSample&, std::size_t done, std::size_t total) {
    context.progress(static_cast<int64_t>(done), static_cast<int64_t>(total),
                     "Sampled and graded " + std::to_string(done) + " of " + std::to_string(total));
  };
  JobStopCheck stop_check(context);
  auto report = dryrun::run_dry_run(records, *grader, provider.get(), options, on_sample, nullptr,
                                    [&stop_check] { return stop_check(); });
  stop_check.throw_if_stopped(report.cancelled);
  nlohmann::json state{{"ran_at", util::format_rfc3339(util::now_unix_seconds())},
                       {"dataset_revision", dataset->revision},
                       {"job_id", context.job().id},
                       // What was asked (a provider's key stays in its environment variable), so
                       // "Run again" can start from it.
                       {"request", params},
                       {"report", report_json(report, previews, price)}};
  context.store().put_step_state(dataset_id, kDryRunStepState, state.dump());
  return nlohmann::json{{"verdict", dryrun::to_string(report.verdict.overall)},
                        {"mean", report.statistics.mean},
                        {"samples", report.statistics.samples}}
      .dump();
}

}  // namespace

void register_dry_run_job(jobs::JobRunner& runner) {
  runner.register_kind(kDryRunJob, run);
}

store::Job submit_dry_run(jobs::JobRunner& runner, int64_t dataset_id,
                          const nlohmann::json& options) {
  return runner.submit(kDryRunJob, dataset_id, options.dump(), "Dry run");
}

}  // namespace reinforge::steps
