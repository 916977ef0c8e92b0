#include "deploy/benchmark_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>

namespace reinforge::deploy {

namespace {

double mean_of(const std::vector<double>& values) {
  return values.empty() ? 0 : std::accumulate(values.begin(), values.end(), 0.0) / values.size();
}

// The 2.5th and 97.5th percentiles of the means of `resamples` resamples (with replacement) of
// each column; the same resampled records for every column, so paired columns stay paired.
std::vector<Interval> bootstrap_intervals(const std::vector<std::vector<double>>& columns,
                                          uint64_t seed) {
  const size_t n = columns.empty() ? 0 : columns.front().size();
  std::vector<Interval> intervals(columns.size());
  if (n == 0) return intervals;
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<size_t> pick(0, n - 1);
  std::vector<std::vector<double>> means(columns.size(), std::vector<double>(kBootstrapResamples));
  std::vector<double> sums(columns.size());
  for (int resample = 0; resample < kBootstrapResamples; ++resample) {
    std::fill(sums.begin(), sums.end(), 0.0);
    for (size_t draw = 0; draw < n; ++draw) {
      size_t row = pick(random);
      for (size_t c = 0; c < columns.size(); ++c) sums[c] += columns[c][row];
    }
    for (size_t c = 0; c < columns.size(); ++c) means[c][resample] = sums[c] / n;
  }
  auto at = [](const std::vector<double>& sorted, double quantile) {
    double position = quantile * (sorted.size() - 1);
    size_t below = static_cast<size_t>(std::floor(position));
    size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  };
  for (size_t c = 0; c < columns.size(); ++c) {
    std::sort(means[c].begin(), means[c].end());
    intervals[c] = {at(means[c], 0.025), at(means[c], 0.975)};
  }
  return intervals;
}

}  // namespace

BenchmarkStatistics compare_paired(const std::vector<PairedRecord>& records, uint64_t seed) {
  BenchmarkStatistics statistics;
  std::vector<double> base;
  std::vector<double> tuned;
  std::vector<double> difference;
  struct TopicSums {
    size_t records = 0;
    double base = 0;
    double tuned = 0;
  };
  std::map<std::string, TopicSums> topics;
  for (const auto& record : records) {
    if (record.base_scores.empty() || record.tuned_scores.empty()) continue;
    double base_mean = mean_of(record.base_scores);
    double tuned_mean = mean_of(record.tuned_scores);
    base.push_back(base_mean);
    tuned.push_back(tuned_mean);
    difference.push_back(tuned_mean - base_mean);
    if (std::abs(tuned_mean - base_mean) <= kTieWithin) {
      ++statistics.ties;
    } else if (tuned_mean > base_mean) {
      ++statistics.wins;
    } else {
      ++statistics.losses;
    }
    auto& topic = topics[record.topic];
    ++topic.records;
    topic.base += base_mean;
    topic.tuned += tuned_mean;
  }
  statistics.records = base.size();
  if (base.empty()) return statistics;
  statistics.base_mean = mean_of(base);
  statistics.tuned_mean = mean_of(tuned);
  statistics.difference = mean_of(difference);
  auto intervals = bootstrap_intervals({base, tuned, difference}, seed);
  statistics.base_interval = intervals[0];
  statistics.tuned_interval = intervals[1];
  statistics.difference_interval = intervals[2];
  statistics.conclusive =
      statistics.difference_interval.low > 0 || statistics.difference_interval.high < 0;
  if (statistics.base_mean > 0) statistics.relative = statistics.difference / statistics.base_mean;
  for (const auto& [name, sums] : topics) {
    statistics.topics.push_back(
        {name, sums.records, sums.base / sums.records, sums.tuned / sums.records});
  }
  return statistics;
}

std::string benchmark_headline(const BenchmarkStatistics& statistics) {
  if (statistics.records == 0) return "";
  char text[96];
  if (statistics.relative) {
    std::snprintf(text, sizeof text, "%.2f \u2192 %.2f, %+.0f%%", statistics.base_mean,
                  statistics.tuned_mean, *statistics.relative * 100);
  } else {
    std::snprintf(text, sizeof text, "%.2f \u2192 %.2f, %+.2f", statistics.base_mean,
                  statistics.tuned_mean, statistics.difference);
  }
  return text;
}

}  // namespace reinforge::deploy
