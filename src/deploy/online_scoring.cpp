#include "deploy/online_scoring.hpp"

#include <iostream>
#include <nlohmann/json.hpp>

#include "deploy/arm_comparison.hpp"
#include "deploy/deployment_actions.hpp"
#include "deploy/deployment_options.hpp"
#include "gateway/deployment_routes.hpp"
#include "grading/grader_config.hpp"
#include "grading/reference_use.hpp"
#include "util/thread_name.hpp"

namespace reinforge::deploy {

namespace {

constexpr int64_t kTracesPerRound = 256;  // per deployment
constexpr size_t kGradersAtOnce = 8;      // judge calls wait on the network

ArmTraffic traffic_of(const std::vector<store::TraceStatsRow>& rows,
                      const std::vector<store::OnlineScoreTotals>& totals, const std::string& arm,
                      double confidence) {
  ArmTraffic traffic;
  for (const auto& row : rows) {
    if (row.model != arm) continue;
    traffic.calls = row.calls;
    traffic.errors = row.errors;
  }
  for (const auto& total : totals) {
    if (total.arm == arm) traffic.score = arm_score(total, confidence);
  }
  return traffic;
}

}  // namespace

OnlineScoringEligibility online_scoring_eligibility(store::Store& store,
                                                    const store::Deployment& deployment) {
  OnlineScoringEligibility eligibility;
  if (!deployment.dataset_id) {
    eligibility.reason = "the deployment names no dataset, so there is no grader to score with";
    return eligibility;
  }
  auto row = store.current_grader(*deployment.dataset_id);
  if (!row) {
    eligibility.reason = "the dataset has no grader yet (step 4)";
    return eligibility;
  }
  eligibility.grader_version = row->version;
  auto need = grading::reference_need(nlohmann::json::parse(row->config_json, nullptr, false));
  if (!need.empty()) {
    eligibility.reason = need +
                         "; live traffic has none. A judge or script that grades without a "
                         "reference can score it.";
    return eligibility;
  }
  eligibility.eligible = true;
  return eligibility;
}

std::optional<grading::GradeInput> grade_input_from_trace(const store::Trace& trace,
                                                          const std::string& objective) {
  if (trace.status < 200 || trace.status > 299 || !trace.response_json) return std::nullopt;
  auto request = nlohmann::json::parse(trace.request_json, nullptr, false);
  auto response = nlohmann::json::parse(*trace.response_json, nullptr, false);
  if (!request.is_object() || !request.contains("messages") || !request["messages"].is_array() ||
      !response.is_object() || !response.contains("choices") || !response["choices"].is_array() ||
      response["choices"].empty()) {
    return std::nullopt;
  }
  const auto& choice = response["choices"][0];
  if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object())
    return std::nullopt;
  nlohmann::json record{{"messages", request["messages"]}};
  if (request.contains("tools") && request["tools"].is_array()) record["tools"] = request["tools"];
  auto finish = choice.contains("finish_reason") && choice["finish_reason"].is_string()
                    ? choice["finish_reason"].get<std::string>()
                    : std::string("stop");
  return grading::make_grade_input(record, grading::sample_from_message(choice["message"], finish),
                                   objective);
}

bool chosen_for_scoring(int64_t deployment_id, const std::string& trace_id, double share) {
  return gateway::sticky_bucket(deployment_id, trace_id) < share * 10000;
}

OnlineScorer::OnlineScorer(const store::StoreLocation& location,
                           std::chrono::milliseconds interval)
    : store_(store::open_store(location)),
      traces_(store::open_trace_store(location)),
      deployments_(store::open_deployment_store(location)),
      interval_(interval) {}

OnlineScorer::~OnlineScorer() {
  stop();
}

void OnlineScorer::start() {
  thread_ = std::thread([this] {
    util::name_this_thread("online-scoring");
    loop();
  });
}

void OnlineScorer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cancelled_ = true;
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OnlineScorer::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      run_round();
    } catch (const std::exception& error) {
      std::cerr << "reinforge: online scoring failed a round: " << error.what() << "\n";
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

size_t OnlineScorer::run_round() {
  size_t graded = 0;
  for (const auto& deployment : deployments_->list_deployments(true)) {
    if (cancelled_) break;
    double share = deployment_options_from_json(deployment.options_json).score_share;
    if (share > 0 && deployment.dataset_id) graded += score_deployment(deployment, share);
    check_guard(deployment);
  }
  return graded;
}

std::shared_ptr<const grading::Grader> OnlineScorer::grader_for(int64_t dataset_id,
                                                                const store::GraderRow& row) {
  auto& cached = graders_[dataset_id];
  if (cached.first != row.version || !cached.second) {
    cached = {row.version, grading::make_grader(nlohmann::json::parse(row.config_json))};
  }
  return cached.second;
}

size_t OnlineScorer::score_deployment(const store::Deployment& deployment, double share) {
  auto eligibility = online_scoring_eligibility(*store_, deployment);
  if (!eligibility.eligible) return 0;
  auto batch = traces_->deployment_traces_after(deployment.id, deployment.scored_through_seq,
                                                kTracesPerRound);
  if (batch.empty()) return 0;
  auto dataset = store_->find_dataset(*deployment.dataset_id);
  auto row = store_->current_grader(*deployment.dataset_id);
  if (!dataset || !row) return 0;
  std::shared_ptr<const grading::Grader> grader;
  try {
    grader = grader_for(dataset->id, *row);
  } catch (const grading::GraderConfigError& error) {
    std::cerr << "reinforge: online scoring of deployment " << deployment.id
              << " cannot build its grader: " << error.what() << "\n";
    return 0;
  }
  struct Pending {
    store::OnlineScore score;
    grading::GradeInput input;
  };
  std::vector<Pending> pending;
  for (const auto& trace : batch) {
    if (trace.arm.empty() || !chosen_for_scoring(deployment.id, trace.id, share)) continue;
    auto input = grade_input_from_trace(trace, dataset->objective);
    if (!input) continue;
    store::OnlineScore score;
    score.trace_seq = trace.seq;
    score.trace_id = trace.id;
    score.arm = trace.arm;
    score.trace_created_at_ms = trace.created_at_ms;
    pending.push_back({std::move(score), std::move(*input)});
  }
  grading::GradeControl control{&cancelled_};
  for (size_t first = 0; first < pending.size(); first += kGradersAtOnce) {
    std::vector<std::thread> workers;
    for (size_t i = first; i < std::min(pending.size(), first + kGradersAtOnce); ++i) {
      workers.emplace_back([&, i] {
        auto result = grader->grade(pending[i].input, control);
        pending[i].score.score = result.score;
        pending[i].score.reason = result.reason;
        pending[i].score.error = result.error;
      });
    }
    for (auto& worker : workers) worker.join();
  }
  // A stop mid-round leaves the cursor where it was: those traces are graded after a restart.
  if (cancelled_) return 0;
  std::vector<store::OnlineScore> scores;
  scores.reserve(pending.size());
  for (auto& item : pending) scores.push_back(std::move(item.score));
  deployments_->record_online_scores(deployment.id, batch.back().seq, scores);
  return scores.size();
}

void OnlineScorer::check_guard(const store::Deployment& deployment) {
  auto options = deployment_options_from_json(deployment.options_json);
  if (!options.guard.enabled || deployment.mode != "ab") return;
  auto rows = traces_->deployment_arm_stats(deployment.id);
  auto totals = deployments_->online_score_totals(deployment.id);
  auto reason =
      guard_reason(options.guard, traffic_of(rows, totals, "base", options.guard.confidence),
                   traffic_of(rows, totals, "tuned", options.guard.confidence));
  if (!reason) return;
  try {
    roll_back(*deployments_, deployment.id, *reason);
    std::cerr << "reinforge: deployment " << deployment.id << " rolled back by its " << *reason
              << "\n";
  } catch (const DeployError&) {
    // Rolled back meanwhile by a person or another instance: nothing left to do.
  }
}

}  // namespace reinforge::deploy
