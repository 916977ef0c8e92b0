#pragma once
// What a categorization's confidence means (PRODUCT.md §4): the softmax probability of the
// chosen topic over the cosine similarities to every topic, at a temperature calibrated on
// labelled data (docs/topics.md) so that "high" assignments are right at least 85% of the time.
#include <span>
#include <string_view>

namespace reinforge::topics {

// Calibrated on CLINC150 domain categorization (see docs/topics.md).
inline constexpr float default_confidence_temperature = 0.06f;

enum class ConfidenceBand { high, medium, low };

// Probability of the best topic; `similarities` holds one cosine per topic.
float assignment_confidence(std::span<const float> similarities, float temperature = default_confidence_temperature);
// Probability of topic `chosen` (which need not be the most similar one).
float topic_probability(std::span<const float> similarities, std::size_t chosen,
                        float temperature = default_confidence_temperature);
ConfidenceBand confidence_band(double confidence);  // high >= 0.85, medium >= 0.7, low below
std::string_view to_string(ConfidenceBand band);

}  // namespace reinforge::topics
