#include "deploy/arm_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reinforge::deploy {

namespace {

ArmDifference difference_of(double difference, double variance_of_difference, double z,
                            double sum_of_variances, int64_t smaller_arm) {
  ArmDifference result;
  result.difference = difference;
  double margin = z * std::sqrt(variance_of_difference);
  result.interval = {difference - margin, difference + margin};
  result.conclusive = result.interval.low > 0 || result.interval.high < 0;
  if (result.conclusive) {
    result.more_per_arm = 0;
  } else if (std::abs(difference) > 1e-9 && sum_of_variances > 0) {
    // n per arm at which z·sqrt((s_b² + s_t²) / n) < |difference|.
    double needed = std::ceil(z * z * sum_of_variances / (difference * difference));
    result.more_per_arm = std::max<int64_t>(0, static_cast<int64_t>(needed) - smaller_arm);
  }
  return result;
}

}  // namespace

double two_sided_z(double confidence) {
  // erfc(z / √2) is the two-sided tail; it falls as z grows, so bisect.
  double tail = 1 - std::clamp(confidence, 0.5, 0.9999);
  double low = 0;
  double high = 10;
  for (int step = 0; step < 60; ++step) {
    double middle = (low + high) / 2;
    (std::erfc(middle / std::sqrt(2.0)) > tail ? low : high) = middle;
  }
  return (low + high) / 2;
}

ArmScore arm_score(const store::OnlineScoreTotals& totals, double confidence) {
  ArmScore score;
  score.graded = totals.graded;
  score.errors = totals.errors;
  if (totals.graded == 0) return score;
  const double n = static_cast<double>(totals.graded);
  score.mean = totals.sum / n;
  if (totals.graded < 2) return score;
  score.variance = std::max(0.0, (totals.sum_squares - totals.sum * totals.sum / n) / (n - 1));
  double margin = two_sided_z(confidence) * std::sqrt(score.variance / n);
  // Grades lie in [0, 1]; the normal approximation's interval is cut to that range.
  score.interval = Interval{std::max(0.0, *score.mean - margin), std::min(1.0, *score.mean + margin)};
  return score;
}

std::optional<ArmDifference> score_difference(const ArmScore& base, const ArmScore& tuned,
                                              double confidence) {
  if (base.graded < 2 || tuned.graded < 2) return std::nullopt;
  double variance = base.variance / base.graded + tuned.variance / tuned.graded;
  return difference_of(*tuned.mean - *base.mean, variance, two_sided_z(confidence),
                       base.variance + tuned.variance, std::min(base.graded, tuned.graded));
}

std::optional<ArmDifference> error_rate_difference(int64_t base_calls, int64_t base_errors,
                                                   int64_t tuned_calls, int64_t tuned_errors,
                                                   double confidence) {
  if (base_calls == 0 || tuned_calls == 0) return std::nullopt;
  double base_rate = static_cast<double>(base_errors) / base_calls;
  double tuned_rate = static_cast<double>(tuned_errors) / tuned_calls;
  double base_variance = base_rate * (1 - base_rate);
  double tuned_variance = tuned_rate * (1 - tuned_rate);
  return difference_of(
      tuned_rate - base_rate, base_variance / base_calls + tuned_variance / tuned_calls,
      two_sided_z(confidence), base_variance + tuned_variance, std::min(base_calls, tuned_calls));
}

std::optional<std::string> guard_reason(const GuardOptions& options, const ArmTraffic& base,
                                        const ArmTraffic& tuned) {
  if (!options.enabled) return std::nullopt;
  char text[256];
  if (base.calls >= options.min_calls && tuned.calls >= options.min_calls) {
    auto errors = error_rate_difference(base.calls, base.errors, tuned.calls, tuned.errors,
                                        options.confidence);
    if (errors && errors->interval.low > 0) {
      std::snprintf(text, sizeof text,
                    "guard: the tuned arm's error rate %.1f%% (%lld calls) is above the base "
                    "arm's %.1f%% (%lld calls) beyond the %.0f%% bound",
                    100.0 * tuned.errors / tuned.calls, static_cast<long long>(tuned.calls),
                    100.0 * base.errors / base.calls, static_cast<long long>(base.calls),
                    options.confidence * 100);
      return text;
    }
  }
  if (base.score.graded >= options.min_scores && tuned.score.graded >= options.min_scores) {
    auto scores = score_difference(base.score, tuned.score, options.confidence);
    if (scores && scores->interval.high < 0) {
      std::snprintf(text, sizeof text,
                    "guard: the tuned arm's online score %.3f (%lld graded) is below the base "
                    "arm's %.3f (%lld graded) beyond the %.0f%% bound",
                    *tuned.score.mean, static_cast<long long>(tuned.score.graded), *base.score.mean,
                    static_cast<long long>(base.score.graded), options.confidence * 100);
      return text;
    }
  }
  return std::nullopt;
}

}  // namespace reinforge::deploy
