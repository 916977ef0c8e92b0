#pragma once
// One graded sample of a dry run: what was asked, what came back, how it scored.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace reinforge::dryrun {

struct DryRunSample {
  std::string record_id;
  std::string topic;
  size_t prompt_index = 0;  // samples of the same prompt share it (k > 1)
  size_t sample_index = 0;
  nlohmann::json prompt;    // the messages sent
  std::string output_text;
  nlohmann::json tool_calls = nlohmann::json::array();
  std::optional<double> score;
  std::string reason;
  std::string grader_error;    // the grader failed on this output
  std::string sampling_error;  // the model could not be sampled: nothing was graded
  std::vector<std::string> logs;
  double latency_ms = 0;       // sampling plus grading
  double sampling_latency_ms = 0;  // the model's answer alone (0 in reference mode)
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  int64_t judge_tokens = 0;

  bool failed() const { return !sampling_error.empty() || !grader_error.empty(); }
};

}  // namespace reinforge::dryrun
