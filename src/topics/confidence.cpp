#include "topics/confidence.hpp"

#include <algorithm>
#include <cmath>

namespace reinforge::topics {

float topic_probability(std::span<const float> similarities, std::size_t chosen, float temperature) {
  if (chosen >= similarities.size()) return 0;
  // A single topic has no rival: the record is as sure as its text is non-empty.
  if (similarities.size() == 1) return similarities[0] > 0 ? 1.0f : 0.0f;
  float best = *std::max_element(similarities.begin(), similarities.end());
  double total = 0;
  for (float similarity : similarities) total += std::exp((similarity - best) / temperature);
  return static_cast<float>(std::exp((similarities[chosen] - best) / temperature) / total);
}

float assignment_confidence(std::span<const float> similarities, float temperature) {
  if (similarities.empty()) return 0;
  auto best = std::max_element(similarities.begin(), similarities.end()) - similarities.begin();
  return topic_probability(similarities, static_cast<std::size_t>(best), temperature);
}

ConfidenceBand confidence_band(double confidence) {
  if (confidence >= 0.85) return ConfidenceBand::high;
  if (confidence >= 0.7) return ConfidenceBand::medium;
  return ConfidenceBand::low;
}

std::string_view to_string(ConfidenceBand band) {
  switch (band) {
    case ConfidenceBand::high: return "high";
    case ConfidenceBand::medium: return "medium";
    case ConfidenceBand::low: return "low";
  }
  return "low";
}

}  // namespace reinforge::topics
