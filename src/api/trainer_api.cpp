// The trainer protocol of external runs (docs/training.md): the split as JSONL, the reward
// endpoint and the metrics endpoint. A run's token (or the admin token) opens its own run's
// routes only; the token is compared by its SHA-256 in constant time.
#include <memory>
#include <mutex>

#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "grading/grader_config.hpp"
#include "steps/training_job.hpp"
#include "training/external_trainer.hpp"
#include "training/reward_scorer.hpp"
#include "training/split_lines.hpp"
#include "training/trainer_report.hpp"
#include "util/clock.hpp"
#include "util/secure_token.hpp"

namespace reinforge::api {

namespace {

// Graders and parsed records of the runs that trainers are scoring on, built on first use.
class RewardScorers {
 public:
  std::shared_ptr<const training::RunRewardScorer> for_run(AppContext& context,
                                                           const store::TrainingRun& run) {
    std::lock_guard lock(mutex_);
    auto found = scorers_.find(run.id);
    if (found != scorers_.end()) return found->second;
    auto config = nlohmann::json::parse(run.grader_config_json);
    auto dataset = context.store.find_dataset(run.dataset_id);
    std::size_t workers = training::grader_calls_a_model(config)
                              ? 32
                              : std::max(1u, std::thread::hardware_concurrency());
    auto scorer = std::make_shared<const training::RunRewardScorer>(
        grading::make_grader(config), dataset ? dataset->objective : "",
        context.training.runs.split_of(run.id),
        [&context, dataset_id = run.dataset_id](int64_t record_id) -> std::optional<std::string> {
          auto record = context.store.get_record(dataset_id, record_id);
          if (!record) return std::nullopt;
          return record->text;
        },
        workers);
    // A few runs at a time is the normal case; drop the oldest beyond that.
    if (scorers_.size() >= 8) scorers_.erase(scorers_.begin());
    return scorers_.emplace(run.id, scorer).first->second;
  }

 private:
  std::mutex mutex_;
  std::map<int64_t, std::shared_ptr<const training::RunRewardScorer>> scorers_;
};

std::optional<std::string> presented_token(const http::Request& request) {
  if (auto header = request.header("authorization")) {
    constexpr std::string_view bearer = "Bearer ";
    if (header->size() > bearer.size() && header->compare(0, bearer.size(), bearer) == 0)
      return header->substr(bearer.size());
  }
  return request.query_param("token");
}

// The run, when the request carries its token or the admin token; 401 otherwise (and for an
// unknown run, so a token cannot probe which runs exist).
store::TrainingRun authorize_run(AppContext& context, const http::Request& request) {
  auto token = presented_token(request);
  auto refuse = [] {
    return http::HttpError(
        401, "unauthorized",
        "This route needs the run's trainer token (Authorization: Bearer rft_... or ?token=).");
  };
  if (!token) throw refuse();
  auto run = context.training.runs.find_run(request.path_id("run"));
  auto token_sha256 = util::sha256_hex(*token);  // the header's or the query's, whichever came
  bool is_admin = util::constant_time_equals(token_sha256, context.admin_token_sha256);
  if (!run) {
    if (is_admin)
      throw http::not_found("Training run " + request.path_params.at("run") + " does not exist.");
    throw refuse();
  }
  if (is_admin) return *run;
  if (run->token_sha256.empty() || !util::constant_time_equals(token_sha256, run->token_sha256))
    throw refuse();
  return *run;
}

http::Response split_download(AppContext& context, const store::TrainingRun& run,
                              store::SplitPart part) {
  http::Response response;
  response.content_type = "application/x-ndjson";
  response.producer = [&context, run, part](const http::BodyWriter& write) {
    auto split = context.training.runs.split_of(run.id);
    std::string chunk;
    bool open = true;
    context.store.for_each_record(run.dataset_id, true, [&](const store::Record& record) {
      auto found = split.find(record.id);
      if (found == split.end() || found->second != part) return true;
      chunk += training::external_split_line(record.id, record.topic.value_or(""),
                                             nlohmann::json::parse(record.text, nullptr, false))
                   .dump();
      chunk += '\n';
      if (chunk.size() >= (1 << 16)) {
        open = write(chunk);
        chunk.clear();
      }
      return open;
    });
    if (open && !chunk.empty()) write(chunk);
  };
  return response;
}

}  // namespace

void register_trainer_routes(http::Router& router, AppContext& context) {
  // Each handler checks the run's token (access/route_rules.cpp: trainer_token).
  http::RouteOptions trainer_route;
  auto scorers = std::make_shared<RewardScorers>();

  router.add(
      "GET", "/trainer/runs/:run",
      [&context](http::Request& request) {
        auto run = authorize_run(context, request);
        nlohmann::json options = nlohmann::json::parse(run.options_json);
        nlohmann::json body{
            {"run_id", run.id},
            {"state", run.state},
            {"base_model", run.base_model},
            {"hyperparameters", options.value("hyperparameters", nlohmann::json::object())},
            {"split", {{"train", run.train_count}, {"valid", run.valid_count}}},
            {"endpoints", training::trainer_endpoints(context.training.server_url, run.id)}};
        return http::Response::json(200, body.dump());
      },
      trainer_route);

  router.add(
      "GET", "/trainer/runs/:run/split/:part",
      [&context](http::Request& request) {
        auto run = authorize_run(context, request);
        const auto& part = request.path_params.at("part");
        if (part != "train.jsonl" && part != "valid.jsonl")
          throw http::not_found("The split has train.jsonl and valid.jsonl.");
        return split_download(
            context, run,
            part == "train.jsonl" ? store::SplitPart::train : store::SplitPart::valid);
      },
      trainer_route);

  router.add(
      "POST", "/trainer/runs/:run/rewards",
      [&context, scorers](http::Request& request) {
        auto run = authorize_run(context, request);
        if (store::is_finished_run_state(run.state))
          throw http::HttpError(
              409, "run_finished",
              "Training run " + std::to_string(run.id) + " has " + run.state + ".");
        auto body = nlohmann::json::parse(request.body, nullptr, false);
        if (body.is_discarded())
          throw http::bad_request(
              "The body is not valid JSON: send {\"samples\": [...]} or OpenRLHF's {\"query\", "
              "\"prompts\", \"labels\"}.");
        training::RewardRequest rewards;
        try {
          rewards = training::read_reward_request(body);
        } catch (const training::RewardRequestError& error) {
          throw http::HttpError(error.code == "payload_too_large" ? 413 : 400, error.code,
                                error.what());
        }
        auto results = scorers->for_run(context, run)->score(rewards.samples);
        return http::Response::json(200, training::reward_response(rewards, results).dump());
      },
      trainer_route);

  router.add(
      "POST", "/trainer/runs/:run/metrics",
      [&context](http::Request& request) {
        auto run = authorize_run(context, request);
        if (store::is_finished_run_state(run.state))
          throw http::HttpError(
              409, "run_finished",
              "Training run " + std::to_string(run.id) + " has " + run.state + ".");
        training::TrainerReport report;
        try {
          report = training::read_trainer_report(parse_json_body(request.body));
        } catch (const training::TrainerReportError& error) {
          throw http::bad_request(error.what());
        }
        if (!report.metrics.empty())
          steps::record_metric_points(context.training.runs, run.id, report.metrics);
        if (run.remote_status == training::kWaitingForTrainer) {
          context.training.runs.modify_run(run.id, [](store::TrainingRun& stored) {
            if (stored.remote_status == training::kWaitingForTrainer)
              stored.remote_status = training::kTrainerReporting;
          });
        }
        int64_t now_ms = util::now_unix_millis();
        for (auto& event : report.events) event.at_ms = now_ms;
        context.training.runs.append_events(run.id, report.events);
        if (report.result) {
          context.training.runs.modify_run(run.id, [&](store::TrainingRun& stored) {
            stored.trainer_result_json = report.result->dump();
          });
        }
        return http::Response::json(200, R"({"ok":true})");
      },
      trainer_route);
}

}  // namespace reinforge::api
