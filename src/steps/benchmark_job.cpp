#include "steps/benchmark_job.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "deploy/benchmark_statistics.hpp"
#include "dryrun/dry_run_runner.hpp"
#include "dryrun/stratified_sample.hpp"
#include "grading/grader_config.hpp"
#include "providers/sampling_fields.hpp"
#include "records/record_builder.hpp"
#include "steps/job_stop_check.hpp"
#include "util/clock.hpp"

namespace reinforge::steps {

namespace {

using nlohmann::json;

constexpr size_t kDefaultRecords = 300;

std::string text_field(const json& body, const char* name, bool required) {
  if (!body.contains(name) || body[name].is_null() ||
      (body[name].is_string() && body[name].get<std::string>().empty())) {
    if (required) throw BenchmarkRefused(400, "bad_request", std::string(name) + " is required");
    return "";
  }
  if (!body[name].is_string())
    throw BenchmarkRefused(400, "bad_request", std::string(name) + " must be a string");
  return body[name].get<std::string>();
}

void check_count(const json& body, const char* name, int64_t low, int64_t high) {
  if (!body.contains(name)) return;
  const auto& value = body[name];
  if (!value.is_number_integer() || value.get<int64_t>() < low || value.get<int64_t>() > high)
    throw BenchmarkRefused(400, "bad_request",
                           std::string(name) + " must be a whole number from " +
                               std::to_string(low) + " to " + std::to_string(high));
}

void check_price(const json& price, const std::string& where) {
  bool valid = price.is_object();
  for (const char* field : {"input_per_million", "output_per_million"}) {
    valid = valid && price.contains(field) && price[field].is_number() &&
            price[field].get<double>() >= 0;
  }
  if (!valid)
    throw BenchmarkRefused(400, "bad_request",
                           where +
                               " must be {\"input_per_million\", \"output_per_million\"} in "
                               "dollars, both 0 or more");
}

std::optional<dryrun::TokenPrice> price_of(const json& options, const char* arm) {
  if (!options.contains("price") || !options["price"].contains(arm)) return std::nullopt;
  const auto& price = options["price"][arm];
  return dryrun::TokenPrice{price.value("input_per_million", 0.0),
                            price.value("output_per_million", 0.0)};
}

double percentile(std::vector<double> values, double quantile) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(quantile * values.size()))];
}

json interval_json(const deploy::Interval& interval) {
  return json::array({interval.low, interval.high});
}

// One model's side of the report, from its run.
json model_json(const std::string& model, const dryrun::DryRunReport& run, double mean,
                const deploy::Interval& interval, const std::optional<dryrun::TokenPrice>& price) {
  std::vector<double> latencies;
  for (const auto& sample : run.samples) {
    if (sample.sampling_error.empty()) latencies.push_back(sample.sampling_latency_ms);
  }
  const auto& stats = run.statistics;
  return {
      {"model", model},
      {"mean", mean},
      {"ci", interval_json(interval)},
      {"scored", stats.scored},
      {"sampling_errors", stats.sampling_errors},
      {"grader_errors", stats.grader_errors},
      {"latency_ms", {{"p50", percentile(latencies, 0.5)}, {"p95", percentile(latencies, 0.95)}}},
      {"prompt_tokens", stats.prompt_tokens},
      {"completion_tokens", stats.completion_tokens},
      {"cost_usd", price ? json(dryrun::sampling_cost_usd(stats, *price)) : json(nullptr)}};
}

json sample_json(const dryrun::DryRunSample& sample) {
  return {{"output_text", sample.output_text},
          {"tool_calls", sample.tool_calls},
          {"score", sample.score ? json(*sample.score) : json(nullptr)},
          {"reason", sample.reason},
          {"error", sample.sampling_error.empty() ? sample.grader_error : sample.sampling_error},
          {"latency_ms", sample.sampling_latency_ms},
          {"tokens", sample.prompt_tokens + sample.completion_tokens}};
}

// The records a benchmark grades: the run's validation split, or the dataset's valid records;
// at most `count` of them (0 = all), stratified by topic.
std::vector<dryrun::DryRunRecord> held_out_records(
    store::Store& store, store::TrainingStore& runs, int64_t dataset_id,
    std::optional<int64_t> run_id, size_t count, uint64_t seed,
    std::unordered_map<std::string, std::string>& previews) {
  std::unordered_map<int64_t, store::SplitPart> split;
  if (run_id) split = runs.split_of(*run_id);
  std::vector<dryrun::DryRunRecord> records;
  store.for_each_record_for_topics(dataset_id, false, [&](const auto& page) {
    for (const auto& record : page) {
      if (run_id) {
        auto part = split.find(record.id);
        if (part == split.end() || part->second != store::SplitPart::valid) continue;
      }
      records.push_back(
          {std::to_string(record.id), record.topic.value_or(""), json::parse(record.text)});
      previews[records.back().id] = records::record_preview(record.text);
    }
    return true;
  });
  std::vector<std::string> topics;
  for (const auto& record : records) topics.push_back(record.topic);
  std::vector<dryrun::DryRunRecord> chosen;
  for (size_t index : dryrun::stratified_sample(topics, count == 0 ? records.size() : count, seed))
    chosen.push_back(std::move(records[index]));
  return chosen;
}

std::string run(jobs::JobContext& context, const BenchmarkServices& services) {
  auto params = json::parse(context.job().params_json);
  auto benchmark = services.deployments.find_benchmark(params.value("benchmark_id", int64_t{0}));
  if (!benchmark) throw std::runtime_error("the benchmark was deleted");
  auto dataset = context.store().find_dataset(benchmark->dataset_id);
  if (!dataset) throw std::runtime_error("the dataset was deleted");
  auto grader_row = context.store().current_grader(dataset->id);
  if (!grader_row) throw std::runtime_error("define a grader first (step 4)");
  auto grader = grading::make_grader(json::parse(grader_row->config_json));
  auto options = json::parse(benchmark->options_json);

  auto base = services.models.routes(benchmark->base_model);
  auto tuned = services.models.route_on_provider(benchmark->tuned_model, benchmark->provider,
                                                 benchmark->base_model);
  if (base.empty() || !tuned)
    throw std::runtime_error("the gateway's config no longer serves these models");

  context.progress(0, 1, "Reading the held-out records");
  std::unordered_map<std::string, std::string> previews;
  auto records =
      held_out_records(context.store(), services.runs, dataset->id, benchmark->run_id,
                       options.value("samples", kDefaultRecords), benchmark->id, previews);
  if (records.empty()) throw std::runtime_error("there are no held-out records to benchmark on");

  const size_t k = options.value("k", size_t{1});
  const int64_t total = static_cast<int64_t>(2 * records.size() * k);
  // The same records, k samples each, for each model in turn.
  auto sample_model = [&](const ModelRoute& route, int64_t done_before, const std::string& label) {
    dryrun::DryRunOptions run_options;
    run_options.mode = dryrun::DryRunMode::base_model;
    run_options.sample_size = 0;
    run_options.samples_per_prompt = k;
    run_options.concurrency = options.value("concurrency", size_t{16});
    run_options.model = route.upstream_model;
    run_options.sampling = options.value("sampling", json::object());
    run_options.objective = dataset->objective;
    run_options.grader_version = grader_row->version;
    auto on_sample = [&](const dryrun::DryRunSample&, size_t done, size_t) {
      context.progress(done_before + static_cast<int64_t>(done), total,
                       "Sampled and graded " + std::to_string(done_before + done) + " of " +
                           std::to_string(total) + " (" + label + ")");
    };
    JobStopCheck stop_check(context);
    auto report = dryrun::run_dry_run(records, *grader, route.provider.get(), run_options,
                                      on_sample, nullptr, [&stop_check] { return stop_check(); });
    stop_check.throw_if_stopped(report.cancelled);
    return report;
  };
  auto base_run = sample_model(base.front(), 0, "base: " + benchmark->base_model);
  auto tuned_run = sample_model(*tuned, total / 2, "tuned: " + benchmark->tuned_model);

  // Pairs by prompt: both runs sample `records` in the same order.
  std::vector<deploy::PairedRecord> paired(records.size());
  std::vector<json> base_samples(records.size(), json::array());
  std::vector<json> tuned_samples(records.size(), json::array());
  for (const auto& sample : base_run.samples) {
    if (sample.score) paired[sample.prompt_index].base_scores.push_back(*sample.score);
    base_samples[sample.prompt_index].push_back(sample_json(sample));
  }
  for (const auto& sample : tuned_run.samples) {
    if (sample.score) paired[sample.prompt_index].tuned_scores.push_back(*sample.score);
    tuned_samples[sample.prompt_index].push_back(sample_json(sample));
  }
  for (size_t i = 0; i < records.size(); ++i) paired[i].topic = records[i].topic;
  auto statistics = deploy::compare_paired(paired, static_cast<uint64_t>(benchmark->id));

  json topics = json::array();
  for (const auto& topic : statistics.topics) {
    topics.push_back({{"topic", topic.topic},
                      {"records", topic.records},
                      {"base_mean", topic.base_mean},
                      {"tuned_mean", topic.tuned_mean},
                      {"difference", topic.tuned_mean - topic.base_mean}});
  }
  json report{{"method", "paired percentile bootstrap over records, 2000 resamples, 95% intervals"},
              {"records", statistics.records},
              {"k", k},
              {"base", model_json(benchmark->base_model, base_run, statistics.base_mean,
                                  statistics.base_interval, price_of(options, "base"))},
              {"tuned", model_json(benchmark->tuned_model, tuned_run, statistics.tuned_mean,
                                   statistics.tuned_interval, price_of(options, "tuned"))},
              {"difference",
               {{"mean", statistics.difference},
                {"ci", interval_json(statistics.difference_interval)},
                {"relative", statistics.relative ? json(*statistics.relative) : json(nullptr)},
                {"conclusive", statistics.conclusive}}},
              {"outcomes",
               {{"win", statistics.wins}, {"tie", statistics.ties}, {"loss", statistics.losses}}},
              {"topics", topics},
              {"headline", deploy::benchmark_headline(statistics)},
              {"wall_ms", base_run.wall_ms + tuned_run.wall_ms}};

  json samples = json::array();
  auto mean_of = [](const std::vector<double>& scores) {
    if (scores.empty()) return json(nullptr);
    double sum = 0;
    for (double score : scores) sum += score;
    return json(sum / scores.size());
  };
  for (size_t i = 0; i < records.size(); ++i) {
    const auto& pair = paired[i];
    json difference = nullptr;
    std::string outcome = "unpaired";  // a model's samples all failed
    if (!pair.base_scores.empty() && !pair.tuned_scores.empty()) {
      double value =
          mean_of(pair.tuned_scores).get<double>() - mean_of(pair.base_scores).get<double>();
      difference = value;
      outcome = std::abs(value) <= deploy::kTieWithin ? "tie" : value > 0 ? "win" : "loss";
    }
    samples.push_back(
        {{"record_id", std::stoll(records[i].id)},
         {"topic", records[i].topic},
         {"preview", previews[records[i].id]},
         {"prompt", base_run.samples.empty()
                        ? json::array()
                        : grading::split_record(records[i].record).prompt_messages},
         {"difference", difference},
         {"outcome", outcome},
         {"base", {{"mean", mean_of(pair.base_scores)}, {"samples", base_samples[i]}}},
         {"tuned", {{"mean", mean_of(pair.tuned_scores)}, {"samples", tuned_samples[i]}}}});
  }
  services.deployments.save_benchmark_report(benchmark->id, report.dump(), samples.dump());
  return json{{"benchmark_id", benchmark->id},
              {"headline", report["headline"]},
              {"conclusive", statistics.conclusive}}
      .dump();
}

}  // namespace

BenchmarkRequest read_benchmark_request(const json& body) {
  if (!body.is_object())
    throw BenchmarkRefused(400, "bad_request", "The body must be a JSON object.");
  BenchmarkRequest request;
  if (!body.contains("dataset_id") || !body["dataset_id"].is_number_integer())
    throw BenchmarkRefused(400, "bad_request",
                           "dataset_id is required: the dataset whose grader and records to use");
  request.dataset_id = body["dataset_id"].get<int64_t>();
  if (body.contains("run_id") && !body["run_id"].is_null()) {
    if (!body["run_id"].is_number_integer())
      throw BenchmarkRefused(400, "bad_request", "run_id must be a training run's id");
    request.run_id = body["run_id"].get<int64_t>();
  }
  request.base_model = text_field(body, "base_model", true);
  request.tuned_model = text_field(body, "tuned_model", true);
  request.provider = text_field(body, "provider", false);
  check_count(body, "k", 1, 16);
  check_count(body, "samples", 0, 100'000);
  check_count(body, "concurrency", 1, 256);
  for (const char* field : {"k", "samples", "concurrency"}) {
    if (body.contains(field)) request.options[field] = body[field];
  }
  if (body.contains("sampling") && !body["sampling"].is_null()) {
    if (!body["sampling"].is_object())
      throw BenchmarkRefused(
          400, "bad_request",
          "sampling must be an object of request fields (temperature, max_tokens, ...)");
    if (auto problem = providers::sampling_fields_problem(body["sampling"]))
      throw BenchmarkRefused(400, "bad_request", *problem);
    request.options["sampling"] = body["sampling"];
  }
  if (body.contains("price") && !body["price"].is_null()) {
    const auto& price = body["price"];
    if (!price.is_object())
      throw BenchmarkRefused(400, "bad_request", "price must be {\"base\", \"tuned\"}");
    for (const char* arm : {"base", "tuned"}) {
      if (price.contains(arm)) check_price(price[arm], std::string("price.") + arm);
    }
    request.options["price"] = price;
  }
  return request;
}

store::Benchmark start_benchmark(store::Store& store, const BenchmarkServices& services,
                                 jobs::JobRunner& jobs, const BenchmarkRequest& request) {
  auto dataset = store.find_dataset(request.dataset_id);
  if (!dataset)
    throw BenchmarkRefused(404, "not_found",
                           "Dataset " + std::to_string(request.dataset_id) + " does not exist.");
  if (request.run_id) {
    auto run = services.runs.find_run(*request.run_id);
    if (!run || run->dataset_id != request.dataset_id)
      throw BenchmarkRefused(
          404, "not_found",
          "Training run " + std::to_string(*request.run_id) + " of this dataset does not exist.");
    bool has_valid = false;
    for (const auto& [id, part] : services.runs.split_of(*request.run_id))
      has_valid |= part == store::SplitPart::valid;
    if (!has_valid)
      throw BenchmarkRefused(
          409, "no_validation_split",
          "Training run " + std::to_string(*request.run_id) + " has no validation records.");
  }
  if (!store.current_grader(request.dataset_id))
    throw BenchmarkRefused(409, "no_grader",
                           "The dataset has no grader yet: define one in step 4.");
  if (services.models.routes(request.base_model).empty())
    throw BenchmarkRefused(400, "unknown_model",
                           "The gateway serves no model named '" + request.base_model +
                               "' (and has no default provider).");
  if (!request.provider.empty() && !services.models.config().find_provider(request.provider))
    throw BenchmarkRefused(400, "unknown_provider",
                           "The gateway has no provider named '" + request.provider + "'.");
  if (!services.models.route_on_provider(request.tuned_model, request.provider, request.base_model))
    throw BenchmarkRefused(400, "unknown_provider",
                           "No provider can serve '" + request.tuned_model + "'.");
  if (store.count_records(request.dataset_id).valid == 0)
    throw BenchmarkRefused(409, "no_valid_records",
                           "The dataset has no valid records to benchmark on.");

  store::Benchmark benchmark;
  benchmark.dataset_id = request.dataset_id;
  benchmark.run_id = request.run_id;
  benchmark.base_model = request.base_model;
  benchmark.tuned_model = request.tuned_model;
  benchmark.provider = request.provider;
  benchmark.options_json = request.options.dump();
  benchmark.created_at = util::now_unix_seconds();
  benchmark = services.deployments.create_benchmark(benchmark);
  auto job =
      jobs.submit(kBenchmarkJob, request.dataset_id, json{{"benchmark_id", benchmark.id}}.dump(),
                  "Benchmark of " + request.tuned_model + " against " + request.base_model);
  services.deployments.set_benchmark_job(benchmark.id, job.id);
  benchmark.job_id = job.id;
  return benchmark;
}

void register_benchmark_job(jobs::JobRunner& runner, const BenchmarkServices& services) {
  runner.register_kind(
      kBenchmarkJob, [&services](jobs::JobContext& context) { return run(context, services); });
}

}  // namespace reinforge::steps
