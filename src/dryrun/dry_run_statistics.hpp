#pragma once
// The dry run's figures (PRODUCT.md §7), a pure function of its samples.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dryrun/dry_run_sample.hpp"

namespace reinforge::dryrun {

struct TopicMean {
  double mean = 0;
  size_t count = 0;
};

struct DryRunStatistics {
  size_t samples = 0;          // attempted
  size_t scored = 0;           // with a score: the basis of mean, spread and histogram
  size_t grader_errors = 0;
  size_t sampling_errors = 0;
  double mean = 0;
  double std_dev = 0;          // population standard deviation of the scores
  double share_above_zero = 0; // of scored samples
  // 10 bins over [0, 1]: [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0] (the last one closed).
  std::array<size_t, 10> histogram{};
  std::map<std::string, TopicMean> topic_means;
  double grader_error_rate = 0; // grader errors / samples that reached the grader
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  int64_t judge_tokens = 0;
  // k > 1: prompts with at least two scored samples, and the share of them whose scores differ.
  size_t prompts_with_groups = 0;
  std::optional<double> disagreement_share;
  std::vector<size_t> slowest;  // indexes of the 5 slowest samples, slowest first
  std::vector<size_t> failed;   // indexes of samples with a sampling or grader error
};

DryRunStatistics compute_statistics(const std::vector<DryRunSample>& samples);

// What the base model charges, in US dollars per million tokens (the provider's price list).
struct TokenPrice {
  double input_per_million = 0;
  double output_per_million = 0;
};

// The cost of the run's sampling: its prompt and completion tokens at `price`. The judge's
// tokens are counted apart (judge_tokens): its model has a price of its own.
double sampling_cost_usd(const DryRunStatistics& statistics, const TokenPrice& price);

}  // namespace reinforge::dryrun
