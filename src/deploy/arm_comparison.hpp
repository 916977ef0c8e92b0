#pragma once
// Comparing an A/B deployment's arms as traffic comes in (docs/deployment.md): each arm's online
// score with a normal-approximation interval, the tuned − base differences of score and error
// rate with theirs (unequal variances), how many more graded calls would make a difference
// conclusive, and the guard that rolls a worse tuned arm back. Pure functions of the totals.
#include <cstdint>
#include <optional>
#include <string>

#include "deploy/benchmark_statistics.hpp"
#include "store/deployment_types.hpp"

namespace reinforge::deploy {

struct ArmScore {
  int64_t graded = 0;
  int64_t errors = 0;
  std::optional<double> mean;        // from one graded trace on
  std::optional<Interval> interval;  // from two on
  double variance = 0;               // sample variance; 0 below two
};

ArmScore arm_score(const store::OnlineScoreTotals& totals, double confidence = 0.95);

struct ArmDifference {
  double difference = 0;  // tuned − base
  Interval interval;
  bool conclusive = false;  // the interval leaves out 0
  // Graded calls each arm still needs for the observed difference to become conclusive; none
  // when no difference is seen.
  std::optional<int64_t> more_per_arm;
};

// Needs two graded traces in each arm.
std::optional<ArmDifference> score_difference(const ArmScore& base, const ArmScore& tuned,
                                              double confidence = 0.95);
// Error rates of `errors` out of `calls`; needs a call in each arm.
std::optional<ArmDifference> error_rate_difference(int64_t base_calls, int64_t base_errors,
                                                   int64_t tuned_calls, int64_t tuned_errors,
                                                   double confidence = 0.95);

// The z of a two-sided interval: 1.96 for 0.95.
double two_sided_z(double confidence);

struct GuardOptions {
  bool enabled = false;
  int64_t min_calls = 100;  // per arm, before the error rates are compared
  int64_t min_scores = 30;  // graded traces per arm, before the scores are compared
  double confidence = 0.95;
};

struct ArmTraffic {
  int64_t calls = 0;
  int64_t errors = 0;
  ArmScore score;
};

// Why the guard rolls the deployment back now (the figures included); none while the tuned arm
// is not worse than the base arm beyond the bound, or the guard is off.
std::optional<std::string> guard_reason(const GuardOptions& options, const ArmTraffic& base,
                                        const ArmTraffic& tuned);

}  // namespace reinforge::deploy
