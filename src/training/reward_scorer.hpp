#pragma once
// Scores a trainer's batch with a run's grader — the same Grader and grade input the dry run
// uses — against the records of the run's split. Parsed records are kept after first use, so a
// trainer that scores each prompt many times pays for the record once.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "grading/grader.hpp"
#include "store/training_types.hpp"
#include "training/reward_request.hpp"

namespace reinforge::training {

// The record's JSONL text, or nullopt when the dataset no longer has it.
using RecordTextLoader = std::function<std::optional<std::string>(int64_t record_id)>;

class RunRewardScorer {
 public:
  // `workers`: samples graded at once (a judge waits on the network; a script uses a core).
  RunRewardScorer(std::unique_ptr<grading::Grader> grader, std::string objective,
                  std::unordered_map<int64_t, store::SplitPart> split, RecordTextLoader load_record,
                  std::size_t workers);

  // One result per sample, in order; a sample's fault is its result's error. Thread-safe.
  std::vector<grading::GradeResult> score(const std::vector<RewardSample>& samples) const;

 private:
  grading::GradeResult score_one(const RewardSample& sample) const;
  std::shared_ptr<const nlohmann::json> record(int64_t record_id, std::string& error) const;

  std::unique_ptr<grading::Grader> grader_;
  std::string objective_;
  std::unordered_map<int64_t, store::SplitPart> split_;
  RecordTextLoader load_record_;
  std::size_t workers_;
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<int64_t, std::shared_ptr<const nlohmann::json>> records_;
};

// Whether grading this config calls a model (a judge, alone or in a weighted mix): then a batch
// is graded with many calls in flight rather than one per core.
bool grader_calls_a_model(const nlohmann::json& config);

}  // namespace reinforge::training
