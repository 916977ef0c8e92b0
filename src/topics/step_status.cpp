#include "topics/step_status.hpp"

#include <cmath>

namespace reinforge::topics {

std::string_view to_string(TopicsStepStatus status) {
  switch (status) {
    case TopicsStepStatus::waiting: return "waiting";
    case TopicsStepStatus::ready: return "ready";
    case TopicsStepStatus::running: return "running";
    case TopicsStepStatus::complete: return "complete";
    case TopicsStepStatus::attention: return "attention";
  }
  return "waiting";
}

namespace {
std::string percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))) + "%"; }
}  // namespace

TopicsStepVerdict topics_step_status(const TopicsStepFacts& facts) {
  if (facts.categorizing) {
    return {TopicsStepStatus::running, facts.categorizing_progress, "Categorizing records"};
  }
  if (facts.topic_count == 0) return {TopicsStepStatus::waiting, std::nullopt, "No topics yet"};
  std::string topics = std::to_string(facts.topic_count) + (facts.topic_count == 1 ? " topic" : " topics");
  if (facts.valid_records == 0) return {TopicsStepStatus::waiting, std::nullopt, topics + ", no valid records"};
  if (facts.categorized_records < facts.valid_records) {
    // Topics exist but some records have none: categorization is the next thing to run.
    return {TopicsStepStatus::ready, std::nullopt,
            topics + ", " + std::to_string(facts.valid_records - facts.categorized_records) +
                (facts.valid_records - facts.categorized_records == 1 ? " record" : " records") +
                " uncategorized"};
  }
  double low_share = static_cast<double>(facts.low_confidence_records) / static_cast<double>(facts.valid_records);
  if (low_share >= low_confidence_attention_share) {
    return {TopicsStepStatus::attention, std::nullopt, topics + ", " + percent(low_share) + " low confidence"};
  }
  return {TopicsStepStatus::complete, std::nullopt, topics + ", all records categorized"};
}

}  // namespace reinforge::topics
