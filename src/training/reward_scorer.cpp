#include "training/reward_scorer.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace reinforge::training {

RunRewardScorer::RunRewardScorer(std::unique_ptr<grading::Grader> grader, std::string objective,
                                 std::unordered_map<int64_t, store::SplitPart> split,
                                 RecordTextLoader load_record, std::size_t workers)
    : grader_(std::move(grader)),
      objective_(std::move(objective)),
      split_(std::move(split)),
      load_record_(std::move(load_record)),
      workers_(std::max<std::size_t>(1, workers)) {}

std::shared_ptr<const nlohmann::json> RunRewardScorer::record(int64_t record_id,
                                                              std::string& error) const {
  if (!split_.count(record_id)) {
    error = "record " + std::to_string(record_id) + " is not in this run's split";
    return nullptr;
  }
  {
    std::lock_guard lock(cache_mutex_);
    auto found = records_.find(record_id);
    if (found != records_.end()) return found->second;
  }
  auto text = load_record_(record_id);
  if (!text) {
    error = "record " + std::to_string(record_id) + " was deleted from the dataset";
    return nullptr;
  }
  auto parsed =
      std::make_shared<const nlohmann::json>(nlohmann::json::parse(*text, nullptr, false));
  std::lock_guard lock(cache_mutex_);
  return records_.emplace(record_id, std::move(parsed)).first->second;
}

grading::GradeResult RunRewardScorer::score_one(const RewardSample& sample) const {
  if (!sample.error.empty()) return grading::GradeResult::failed(sample.error);
  std::shared_ptr<const nlohmann::json> record;
  if (sample.item) {
    record = std::make_shared<const nlohmann::json>(*sample.item);
  } else {
    std::string error;
    record = this->record(*sample.record_id, error);
    if (!record) return grading::GradeResult::failed(error);
  }
  try {
    return grader_->grade(grading::make_grade_input(*record, sample.sample, objective_));
  } catch (const std::exception& error) {
    // A grader must report its faults as results; should one throw, it is still this sample's.
    return grading::GradeResult::failed(std::string("grader error: ") + error.what());
  }
}

std::vector<grading::GradeResult> RunRewardScorer::score(
    const std::vector<RewardSample>& samples) const {
  std::vector<grading::GradeResult> results(samples.size());
  std::size_t workers = std::min(workers_, samples.size());
  if (workers <= 1) {
    for (std::size_t i = 0; i < samples.size(); ++i) results[i] = score_one(samples[i]);
    return results;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < samples.size(); i = next++) results[i] = score_one(samples[i]);
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
  return results;
}

bool grader_calls_a_model(const nlohmann::json& config) {
  if (!config.is_object()) return false;
  auto type = config.value("type", "");
  if (type == "judge" || type == "judge_rubric") return true;
  if (config.contains("graders") && config["graders"].is_array()) {
    for (const auto& part : config["graders"]) {
      if (grader_calls_a_model(part.contains("grader") ? part["grader"] : part)) return true;
    }
  }
  return false;
}

}  // namespace reinforge::training
