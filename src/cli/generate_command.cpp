// `reinforge generate`: step 3's generation from a shell (docs/generation.md). Runs the
// generation job in this process on a dataset of the data directory, shows its progress on
// stderr, and prints what each topic got, what each gate removed, tokens and cost, and the
// balance score before and after (or all of it as JSON).
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/job_in_process.hpp"
#include "cli/server_config.hpp"
#include "cli/shutdown_signals.hpp"
#include "cli/stored_dataset.hpp"
#include "steps/dataset_coverage.hpp"
#include "steps/generation_job.hpp"
#include "topics/topic_set.hpp"

namespace reinforge::cli {

namespace {

using json = nlohmann::json;

// A topic named by id or by name.
std::string topic_id(const steps::DatasetCoverage& coverage, const std::string& given) {
  for (const auto* leaf : coverage.leaves) {
    if (leaf->id == given) return leaf->id;
  }
  for (const auto* leaf : coverage.leaves) {
    if (leaf->name == given) return leaf->id;
  }
  throw UsageError("no leaf topic with id or name '" + given + "'");
}

json balance(store::Store& store, int64_t dataset_id) {
  auto score = steps::dataset_coverage(store, dataset_id).report.balance_score;
  return score ? json(*score) : json(nullptr);
}

std::string number(const json& value, int digits = 3) {
  if (value.is_null()) return "-";
  std::ostringstream text;
  text << std::fixed << std::setprecision(digits) << value.get<double>();
  return text.str();
}

void print_plan(const json& plan) {
  for (const auto& topic : plan["topics"]) {
    std::cout << topic["topic"].get<std::string>() << "\t" << topic["name"].get<std::string>()
              << "\trecords " << topic["records"] << "\tasked " << topic["requested"]
              << "\twill generate " << topic["allowed"] << "\n";
  }
  for (const auto& note : plan["notes"]) std::cout << "note: " << note.get<std::string>() << "\n";
  const auto& estimate = plan["estimate"];
  std::cout << "estimate\t" << estimate["calls"] << " calls, " << estimate["prompt_tokens"]
            << " prompt + " << estimate["completion_tokens"] << " completion tokens, cost "
            << (estimate["cost_usd"].is_null() ? std::string("unknown (no --price)")
                                               : "$" + number(estimate["cost_usd"], 4))
            << "\n";
}

void print_summary(const json& summary, const json& before, const json& after) {
  for (const auto& topic : summary["topics"]) {
    std::cout << topic["topic"].get<std::string>() << "\t" << topic["name"].get<std::string>()
              << "\taccepted " << topic["accepted"] << " of " << topic["planned"] << "\tcalls "
              << topic["calls"] << "\n";
  }
  std::cout << "gates\tgenerated " << summary["generated"] << ", accepted " << summary["accepted"];
  for (const auto& [gate, count] : summary["gates"].items())
    std::cout << ", " << gate << " " << count;
  std::cout << "\n";
  const auto& problems = summary["answer_problems"];
  std::cout << "calls\t" << summary["calls"] << " (" << summary["failed_calls"] << " failed, "
            << problems["refusal"] << " refused, " << problems["not_json"] << " not JSON, "
            << problems["wrong_shape"] << " wrong shape)\n";
  std::cout << "tokens\t" << summary["tokens"]["prompt"] << " prompt, "
            << summary["tokens"]["completion"] << " completion, cost "
            << (summary["cost_usd"].is_null() ? std::string("unknown (no --price)")
                                              : "$" + number(summary["cost_usd"], 4))
            << "\n";
  std::cout << "balance\t" << number(before) << " → " << number(after) << "\n";
}

}  // namespace

int run_generate_command(const std::vector<std::string>& args) {
  Arguments arguments(args, {"review", "plan"});
  arguments.reject_unknown({"data-dir", "store", "dataset", "topic", "count", "model", "records-per-call",
                            "concurrency", "max-synthetic-share", "duplicate-threshold",
                            "price-input", "price-output", "config", "format", "review", "plan"});
  auto format = text_or_json_format(arguments);
  // Before the store starts its threads, or Ctrl-C would kill instead of cancelling.
  sigset_t signals = block_shutdown_signals();
  auto opened = open_named_dataset(arguments);
  auto& store = opened.store;
  const auto* dataset = &opened.dataset;

  json body = json::object();
  auto topics = arguments.all_of("topic");
  auto counts = arguments.all_of("count");
  if (!counts.empty() && counts.size() != topics.size()) {
    throw UsageError(
        "give one --count after each --topic, or none to fill each topic to its target");
  }
  if (!topics.empty()) {
    auto coverage = steps::dataset_coverage(*store, dataset->id);
    json requested = json::array();
    steps::GenerationRequest fills;
    auto fill_plan = steps::plan_generation_request(*store, dataset->id, fills);
    for (std::size_t i = 0; i < topics.size(); ++i) {
      auto id = topic_id(coverage, topics[i]);
      int64_t count = 0;
      if (!counts.empty()) {
        try {
          count = std::stoll(counts[i]);
        } catch (const std::exception&) {
          throw UsageError("--count wants a number, got '" + counts[i] + "'");
        }
      } else {
        for (std::size_t t = 0; t < fill_plan.plan.topics.size(); ++t) {
          if (fill_plan.plan.topics[t].topic_id == id) count = fill_plan.facts[t].fill;
        }
      }
      requested.push_back({{"topic", id}, {"count", count}});
    }
    body["topics"] = requested;
  }
  if (auto model = arguments.option("model")) body["model"] = *model;
  if (auto value = arguments.integer_option("records-per-call")) body["records_per_call"] = *value;
  if (auto value = arguments.integer_option("concurrency")) body["concurrency"] = *value;
  for (const auto& [option, key] : {std::pair{"max-synthetic-share", "max_synthetic_share"},
                                    std::pair{"duplicate-threshold", "duplicate_threshold"}}) {
    if (auto value = arguments.option(option)) {
      try {
        body[key] = std::stod(*value);
      } catch (const std::exception&) {
        throw UsageError(std::string("--") + option + " wants a number");
      }
    }
  }
  if (arguments.option("price-input") || arguments.option("price-output")) {
    body["price"] = {{"input_per_million", std::stod(arguments.option_or("price-input", "0"))},
                     {"output_per_million", std::stod(arguments.option_or("price-output", "0"))}};
  }
  if (arguments.flag("review")) body["review"] = true;

  steps::GenerationRequest request;
  try {
    request = steps::read_generation_request(body);
    if (arguments.flag("plan")) {
      auto plan = steps::plan_json(steps::plan_generation_request(*store, dataset->id, request));
      if (format == "json") {
        std::cout << plan.dump() << "\n";
      } else {
        print_plan(plan);
      }
      return 0;
    }
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }

  steps::JobModels models(gateway_config_option(arguments));
  jobs::JobRunner job_runner(*store, command_job_runner());
  steps::register_generation_job(job_runner, models);
  auto before = balance(*store, dataset->id);
  store::GenerationRun run;
  try {
    run = steps::start_generation(*store, models, job_runner, dataset->id, request);
  } catch (const std::invalid_argument& error) {
    std::cerr << "reinforge generate: " << error.what() << "\n";
    return 1;
  }
  // Ctrl-C cancels the job: the calls in flight are aborted and nothing is added.
  auto job = follow_job(*store, job_runner, run.job_id, signals, format == "text");
  auto finished = store->find_generation_run(run.id);
  auto summary = json::parse(finished ? finished->summary_json : "{}", nullptr, false);
  if (job.state != store::JobState::succeeded) {
    std::cerr << "reinforge generate: the run " << store::to_string(job.state)
              << (job.error ? ": " + *job.error : std::string()) << "; nothing was added\n";
    return 1;
  }
  auto after = balance(*store, dataset->id);
  if (format == "json") {
    std::cout << json{{"run_id", run.id},
                      {"summary", summary},
                      {"balance_before", before},
                      {"balance_after", after}}
                     .dump()
              << "\n";
  } else {
    print_summary(summary, before, after);
    if (request.review)
      std::cout << "review\tthe accepted records wait for review in the UI (step 3)\n";
  }
  return 0;
}

}  // namespace reinforge::cli
