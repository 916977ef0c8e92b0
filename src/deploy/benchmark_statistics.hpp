#pragma once
// A benchmark's figures (docs/deployment.md), a pure function of its paired scores: means with
// 95% percentile bootstrap intervals over records, the paired difference and its interval,
// win/tie/loss per record, per-topic means, and the headline "0.45 → 0.67, +49%".
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace reinforge::deploy {

// One held-out record's scores from each model (k each; failed samples left out).
struct PairedRecord {
  std::string topic;
  std::vector<double> base_scores;
  std::vector<double> tuned_scores;
};

struct Interval {
  double low = 0;
  double high = 0;
};

struct TopicComparison {
  std::string topic;
  size_t records = 0;
  double base_mean = 0;
  double tuned_mean = 0;
};

struct BenchmarkStatistics {
  size_t records = 0;  // paired: scored at least once by both models
  double base_mean = 0;
  double tuned_mean = 0;
  Interval base_interval;
  Interval tuned_interval;
  double difference = 0;  // tuned − base, mean over records
  Interval difference_interval;
  std::optional<double> relative;  // difference / base mean; none when the base mean is 0
  bool conclusive = false;         // the difference's interval leaves out 0
  size_t wins = 0;                 // records where the tuned model scored higher
  size_t ties = 0;
  size_t losses = 0;
  std::vector<TopicComparison> topics;  // by name
};

constexpr double kTieWithin = 0.005;  // a record's two means this close are a tie
constexpr int kBootstrapResamples = 2000;

// Records without a score from either model are skipped. `seed` makes the intervals
// reproducible.
BenchmarkStatistics compare_paired(const std::vector<PairedRecord>& records, uint64_t seed = 1);

// "0.45 → 0.67, +49%"; "0.00 → 0.22, +0.22" when the base mean is 0; "" without records.
std::string benchmark_headline(const BenchmarkStatistics& statistics);

}  // namespace reinforge::deploy
