#include "dryrun/dry_run_diagnoses.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace reinforge::dryrun {

namespace {

constexpr size_t kExamples = 5;

// As the step's metrics show it (web/src/dryrun/verdictDisplay.ts): a tenth of a percent below
// 10%, so "4.7%" above is not "5%" here.
std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, share > 0 && share < 0.1 ? "%.1f%%" : "%.0f%%", share * 100);
  return text;
}

std::string fixed(double value) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

bool scored(const DryRunSample& sample) { return sample.sampling_error.empty() && sample.grader_error.empty() && sample.score; }

// The scored samples with the lowest scores, lowest first.
std::vector<size_t> lowest_scored(const std::vector<DryRunSample>& samples) {
  std::vector<size_t> order;
  for (size_t i = 0; i < samples.size(); ++i) {
    if (scored(samples[i])) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return *samples[a].score < *samples[b].score; });
  if (order.size() > kExamples) order.resize(kExamples);
  return order;
}

std::vector<size_t> first_where(const std::vector<DryRunSample>& samples, bool (*keep)(const DryRunSample&)) {
  std::vector<size_t> found;
  for (size_t i = 0; i < samples.size() && found.size() < kExamples; ++i) {
    if (keep(samples[i])) found.push_back(i);
  }
  return found;
}

}  // namespace

std::string_view to_string(DiagnosisCode code) {
  switch (code) {
    case DiagnosisCode::scores_too_low: return "scores_too_low";
    case DiagnosisCode::too_few_nonzero: return "too_few_nonzero";
    case DiagnosisCode::too_little_spread: return "too_little_spread";
    case DiagnosisCode::grader_errors: return "grader_errors";
    case DiagnosisCode::sampling_errors: return "sampling_errors";
    case DiagnosisCode::too_easy: return "too_easy";
    case DiagnosisCode::groups_agree: return "groups_agree";
  }
  return "unknown";
}

std::vector<Diagnosis> diagnose(const std::vector<DryRunSample>& samples, const DryRunStatistics& stats,
                                const VerdictBreakdown& verdict) {
  std::vector<Diagnosis> found;
  if (stats.grader_errors) {
    found.push_back({DiagnosisCode::grader_errors,
                     "The grader failed on " + std::to_string(stats.grader_errors) + " outputs (" +
                         percent(stats.grader_error_rate) + "): the grader is broken for them. Fix it before trusting the scores.",
                     first_where(samples, [](const DryRunSample& s) { return s.sampling_error.empty() && !s.grader_error.empty(); })});
  }
  if (stats.sampling_errors) {
    found.push_back({DiagnosisCode::sampling_errors,
                     "The base model could not be sampled for " + std::to_string(stats.sampling_errors) +
                         " prompts: check the provider, its key and rate limits.",
                     first_where(samples, [](const DryRunSample& s) { return !s.sampling_error.empty(); })});
  }
  if (stats.scored == 0) return found;
  if (verdict.mean != DryRunVerdict::go) {
    found.push_back({DiagnosisCode::scores_too_low,
                     "The mean score is " + fixed(stats.mean) +
                         ": the dataset may be too hard for the base model, or the grader too strict. Look at the lowest-scoring samples.",
                     lowest_scored(samples)});
  }
  if (verdict.share_above_zero != DryRunVerdict::go) {
    // "Mostly zeros" only when they are: CAUTION starts at 70% above zero.
    std::string why = stats.share_above_zero < 0.5
                          ? "with mostly zeros there is little reward to learn from."
                          : "the " + percent(1 - stats.share_above_zero) +
                                " that score 0 give the training no signal to follow.";
    found.push_back({DiagnosisCode::too_few_nonzero,
                     "Only " + percent(stats.share_above_zero) +
                         " of samples score above 0 (GO needs more than 70%): " + why,
                     lowest_scored(samples)});
  }
  if (verdict.std_dev != DryRunVerdict::go) {
    found.push_back({DiagnosisCode::too_little_spread,
                     "Scores barely vary (standard deviation " + fixed(stats.std_dev) +
                         "): the grader does not tell better answers from worse ones.",
                     first_where(samples, scored)});
  }
  size_t near_one = std::count_if(samples.begin(), samples.end(), [](const DryRunSample& s) { return scored(s) && *s.score >= 0.9; });
  if (near_one >= 0.95 * stats.scored) {
    found.push_back({DiagnosisCode::too_easy,
                     percent(static_cast<double>(near_one) / stats.scored) +
                         " of samples already score 0.9 or more: the base model does this well, there is little left to learn.",
                     first_where(samples, scored)});
  }
  if (stats.disagreement_share && *stats.disagreement_share < 0.5) {
    found.push_back({DiagnosisCode::groups_agree,
                     "Only " + percent(*stats.disagreement_share) +
                         " of prompts got samples with different scores: group-based RL learns only from those.",
                     {}});
  }
  return found;
}

}  // namespace reinforge::dryrun
