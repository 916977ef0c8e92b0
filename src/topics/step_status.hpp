#pragma once
// Step 2's status (PRODUCT.md §4) as a pure function of facts the service gathers:
// no topics → waiting; categorizing → running with progress; all categorized and low
// confidence < 5% → complete; low ≥ 5% → attention.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::topics {

// The subset of steps::StepStatus this step can take; the strings are the same.
enum class TopicsStepStatus { waiting, ready, running, complete, attention };
std::string_view to_string(TopicsStepStatus status);

struct TopicsStepFacts {
  int64_t topic_count = 0;
  int64_t valid_records = 0;
  int64_t categorized_records = 0;  // valid records with a topic
  int64_t low_confidence_records = 0;  // categorized with confidence < 0.7
  bool categorizing = false;
  double categorizing_progress = 0;
};

struct TopicsStepVerdict {
  TopicsStepStatus status = TopicsStepStatus::waiting;
  std::optional<double> progress;
  std::string headline;
};

// Low share at or above this is "attention".
inline constexpr double low_confidence_attention_share = 0.05;

TopicsStepVerdict topics_step_status(const TopicsStepFacts& facts);

}  // namespace reinforge::topics
