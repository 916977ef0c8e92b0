#pragma once
// The likely causes a dry run names (PRODUCT.md §7), each with the samples that show it.
#include <string>
#include <string_view>
#include <vector>

#include "dryrun/dry_run_sample.hpp"
#include "dryrun/dry_run_statistics.hpp"
#include "dryrun/dry_run_verdict.hpp"

namespace reinforge::dryrun {

enum class DiagnosisCode {
  scores_too_low,      // mean not GO: dataset too hard for the base model, or grader too strict
  too_few_nonzero,     // share > 0 not GO
  too_little_spread,   // std not GO: the grader does not discriminate
  grader_errors,       // the grader is broken on some outputs
  sampling_errors,     // the provider failed on some prompts
  too_easy,            // nearly every sample scores near 1: little left to learn
  groups_agree,        // k > 1 and few prompts' samples disagree: little signal for group-based RL
};

std::string_view to_string(DiagnosisCode code);

struct Diagnosis {
  DiagnosisCode code;
  std::string message;
  std::vector<size_t> example_samples;  // indexes into the run's samples, at most 5
};

std::vector<Diagnosis> diagnose(const std::vector<DryRunSample>& samples, const DryRunStatistics& stats,
                                const VerdictBreakdown& verdict);

}  // namespace reinforge::dryrun
