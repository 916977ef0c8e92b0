#include "dryrun/dry_run_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace reinforge::dryrun {

DryRunStatistics compute_statistics(const std::vector<DryRunSample>& samples) {
  DryRunStatistics stats;
  stats.samples = samples.size();
  double sum = 0;
  size_t above_zero = 0;
  std::map<std::string, std::pair<double, size_t>> topic_sums;
  std::map<size_t, std::pair<double, double>> prompt_ranges;  // min, max
  std::map<size_t, size_t> prompt_counts;
  for (size_t i = 0; i < samples.size(); ++i) {
    const auto& sample = samples[i];
    stats.prompt_tokens += sample.prompt_tokens;
    stats.completion_tokens += sample.completion_tokens;
    stats.judge_tokens += sample.judge_tokens;
    if (sample.failed()) stats.failed.push_back(i);
    if (!sample.sampling_error.empty()) {
      ++stats.sampling_errors;
      continue;
    }
    if (!sample.grader_error.empty() || !sample.score) {
      ++stats.grader_errors;
      continue;
    }
    double score = *sample.score;
    ++stats.scored;
    sum += score;
    if (score > 0) ++above_zero;
    stats.histogram[std::min<size_t>(9, static_cast<size_t>(score * 10))]++;
    auto& topic = topic_sums[sample.topic];
    topic.first += score;
    ++topic.second;
    auto [range, inserted] = prompt_ranges.try_emplace(sample.prompt_index, score, score);
    if (!inserted) {
      range->second.first = std::min(range->second.first, score);
      range->second.second = std::max(range->second.second, score);
    }
    ++prompt_counts[sample.prompt_index];
  }
  if (stats.scored) {
    stats.mean = sum / stats.scored;
    double squares = 0;
    for (const auto& sample : samples) {
      if (sample.sampling_error.empty() && sample.grader_error.empty() && sample.score) {
        squares += (*sample.score - stats.mean) * (*sample.score - stats.mean);
      }
    }
    stats.std_dev = std::sqrt(squares / stats.scored);
    stats.share_above_zero = static_cast<double>(above_zero) / stats.scored;
  }
  size_t graded = stats.samples - stats.sampling_errors;
  if (graded) stats.grader_error_rate = static_cast<double>(stats.grader_errors) / graded;
  for (const auto& [topic, entry] : topic_sums)
    stats.topic_means[topic] = {entry.first / entry.second, entry.second};
  size_t disagreeing = 0;
  for (const auto& [prompt, count] : prompt_counts) {
    if (count < 2) continue;
    ++stats.prompts_with_groups;
    const auto& [low, high] = prompt_ranges[prompt];
    if (high - low > 1e-9) ++disagreeing;
  }
  if (stats.prompts_with_groups)
    stats.disagreement_share = static_cast<double>(disagreeing) / stats.prompts_with_groups;

  std::vector<size_t> order(samples.size());
  std::iota(order.begin(), order.end(), 0);
  size_t slowest = std::min<size_t>(5, order.size());
  std::partial_sort(order.begin(), order.begin() + slowest, order.end(), [&](size_t a, size_t b) {
    return samples[a].latency_ms > samples[b].latency_ms;
  });
  stats.slowest.assign(order.begin(), order.begin() + slowest);
  return stats;
}

double sampling_cost_usd(const DryRunStatistics& statistics, const TokenPrice& price) {
  return (static_cast<double>(statistics.prompt_tokens) * price.input_per_million +
          static_cast<double>(statistics.completion_tokens) * price.output_per_million) /
         1e6;
}

}  // namespace reinforge::dryrun
