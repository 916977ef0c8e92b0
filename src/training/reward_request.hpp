#pragma once
// The reward endpoint's bodies (docs/training.md): our native batch and OpenRLHF's remote reward
// model body, read into samples to grade, and the answers in the shape each caller expects.
// A fault of one sample (no output, an unknown id) is that sample's error; only a body that is
// neither shape is refused whole.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "grading/grader.hpp"

namespace reinforge::training {

// More samples than this in one body are refused (413): a trainer's batch is a few hundred, and
// one request must not hold the grader for minutes.
inline constexpr std::size_t kMaxRewardBatch = 4096;

enum class RewardBodyShape { native, openrlhf };

struct RewardSample {
  std::optional<int64_t> record_id;    // a record of the run's split
  std::optional<nlohmann::json> item;  // or a whole record given inline
  grading::Sample sample;
  std::string error;  // the sample's own fault, found while reading it
};

struct RewardRequest {
  RewardBodyShape shape = RewardBodyShape::native;
  std::vector<RewardSample> samples;
};

// The whole body is unusable: the message says which field and why.
struct RewardRequestError : std::runtime_error {
  RewardRequestError(std::string code, const std::string& message)
      : std::runtime_error(message), code(std::move(code)) {}
  std::string code;  // "bad_request" or "payload_too_large"
};

RewardRequest read_reward_request(const nlohmann::json& body);

// The model's answer in an OpenRLHF query: the text after its prompt, without the end-of-turn
// marker chat templates leave. nullopt when the query does not start with its prompt.
std::optional<std::string> response_after_prompt(const std::string& query,
                                                 const std::string& prompt);

// Native: {"scores": [{"score", "reason", "error"}], "mean"}; OpenRLHF: {"rewards", "scores",
// "extra_logs": {"grader_errors": [0|1 per sample]}} with 0 for a sample that was not scored.
nlohmann::json reward_response(const RewardRequest& request,
                               const std::vector<grading::GradeResult>& results);

}  // namespace reinforge::training
